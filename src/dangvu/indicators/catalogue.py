"""The standard catalogue of indicators: the figures the seeds' review conferences speak of.

Loaded by a data migration and by `catalogue_sync()`; each row can be corrected in the database later
(the catalogue is data, not code). Kinds of unit are `organisations.kinds.OrgKind` values.
"""

from __future__ import annotations

from typing import Any

GRASSROOTS = "grassroots_committee,grassroots_cell"
CELLS = "grassroots_cell,subordinate_cell"
COMMITTEES_REPORTING = "directly_under,grassroots_committee,grassroots_cell"

CATALOGUE: list[dict[str, Any]] = [
    # Computed from the registers.
    dict(
        code="DV_CUOI_KY",
        name="Số đảng viên",
        unit="đảng viên",
        source="computed",
        computation="members_at_end",
        flow="stock",
        position=10,
    ),
    dict(
        code="DV_KET_NAP",
        name="Kết nạp đảng viên mới",
        unit="đảng viên",
        source="computed",
        computation="admissions",
        flow="flow",
        position=20,
        description="Đảng viên có ngày vào Đảng trong kỳ, tính tại chi bộ kết nạp.",
    ),
    dict(
        code="DV_DU_BI",
        name="Đảng viên dự bị",
        unit="đảng viên",
        source="computed",
        computation="probationary_at_end",
        flow="stock",
        position=30,
    ),
    dict(
        code="DV_NU",
        name="Đảng viên nữ",
        unit="đảng viên",
        source="computed",
        computation="women_at_end",
        flow="stock",
        position=40,
    ),
    dict(
        code="DV_NU_TY_LE",
        name="Tỷ lệ đảng viên nữ",
        unit="%",
        source="computed",
        flow="stock",
        aggregation="ratio",
        base="DV_NU,DV_CUOI_KY",
        position=45,
    ),
    dict(
        code="DV_GIAM",
        name="Đảng viên giảm (từ trần, chuyển đi, xóa tên, khai trừ…)",
        unit="đảng viên",
        source="computed",
        computation="leavers",
        flow="flow",
        higher_is_better=False,
        position=50,
    ),
    dict(
        code="TC_CO_SO",
        name="Số tổ chức cơ sở đảng",
        unit="tổ chức",
        source="computed",
        computation="grassroots_units",
        flow="stock",
        position=60,
    ),
    dict(
        code="TC_CHI_BO",
        name="Số chi bộ trực thuộc đảng ủy cơ sở",
        unit="chi bộ",
        source="computed",
        computation="subordinate_cells",
        flow="stock",
        position=70,
    ),
    # Reported by units for a period (until the activity registers compute them).
    dict(
        code="KT_CUOC",
        name="Cuộc kiểm tra của cấp ủy",
        unit="cuộc",
        source="reported",
        flow="flow",
        reporting_kinds=COMMITTEES_REPORTING,
        position=100,
    ),
    dict(
        code="GS_CUOC",
        name="Cuộc giám sát chuyên đề của cấp ủy",
        unit="cuộc",
        source="reported",
        flow="flow",
        reporting_kinds=COMMITTEES_REPORTING,
        position=110,
    ),
    dict(
        code="GS_DA_THUC_HIEN",
        name="Đảng ủy cơ sở đã thực hiện giám sát",
        unit="đảng ủy",
        source="reported",
        flow="flow",
        aggregation="coverage",
        base="GS_CUOC",
        unit_kinds="grassroots_committee",
        position=120,
        description="Trong kỳ có ít nhất một cuộc giám sát; phần còn lại là các đảng ủy chưa giám sát.",
    ),
    dict(
        code="TCCS_HTTNV",
        name="TCCS đảng xếp loại hoàn thành tốt nhiệm vụ trở lên (1 = có)",
        unit="tổ chức",
        source="reported",
        flow="stock",
        reporting_kinds=GRASSROOTS,
        position=130,
    ),
    dict(
        code="TCCS_TSVM_TY_LE",
        name="Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        unit="%",
        source="reported",
        flow="stock",
        aggregation="share",
        base="TCCS_HTTNV",
        unit_kinds=GRASSROOTS,
        position=135,
    ),
    dict(
        code="CB_SH_DEU",
        name="Chi bộ sinh hoạt định kỳ đủ, đều (1 = có)",
        unit="chi bộ",
        source="reported",
        flow="stock",
        reporting_kinds=CELLS,
        position=140,
    ),
    dict(
        code="CB_SH_DEU_TY_LE",
        name="Tỷ lệ chi bộ sinh hoạt định kỳ đủ, đều",
        unit="%",
        source="reported",
        flow="stock",
        aggregation="share",
        base="CB_SH_DEU",
        unit_kinds=CELLS,
        position=145,
    ),
]


def catalogue_rows() -> list[dict[str, Any]]:
    """The catalogue with every field filled (defaults for the ones a row leaves out)."""
    defaults = dict(
        computation="",
        aggregation="sum",
        base="",
        unit_kinds="",
        threshold=1.0,
        reporting_kinds="",
        higher_is_better=True,
        description="",
        is_active=True,
    )
    return [{**defaults, **row} for row in CATALOGUE]
