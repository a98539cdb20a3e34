"""The text reader: Vietnamese reports, minutes and news → proposed records (pure Python; see reader.py)."""
