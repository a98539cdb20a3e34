"""Word lists of the genre (Vietnamese party-building news), kept as data so they can be corrected.

Owns: family names (Kinh and ethnic minorities), place names that look like names, titles and their
abbreviations, organisation heads that can receive a task, counted nouns, shortcoming markers, meeting kinds.
Everything here is lower-level data; the modules that use it own the rules.
"""

from __future__ import annotations

# fmt: off

# Family names: Kinh, then Hmong, Thai, Dao, Tay-Nung, Muong, Khmer, Cham, Central Highlands.
SURNAMES: frozenset[str] = frozenset([
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Lương", "Thái", "Đinh", "Trịnh", "Đoàn", "Lâm", "Mai", "Trương", "Hà", "Cao", "Tạ", "Đào",
    "Phùng", "Quách", "Tô", "Tôn", "Vương", "Kiều", "Khúc", "Khuất", "Lưu", "Lã", "Lại", "Mạc", "Nghiêm",
    "Phí", "Quan", "Tăng", "Thân", "Triệu", "Từ", "Âu", "Đàm", "Hầu", "Hứa", "Kha", "Khổng", "Kim", "La",
    "Lạc", "Lò", "Lường", "Mạch", "Nông", "Tống", "Trình", "Ung", "Vi", "Chu", "Chử", "Diệp", "Doãn", "Dư",
    "Đường", "Giáp", "Hàn", "Hán", "Thào", "Giàng", "Sùng", "Vàng", "Mùa", "Lầu", "Vừ", "Hờ", "Tráng", "Chảo",
    "Tẩn", "Bàn", "Phàn", "Lục", "Ma", "Bế", "Sầm", "Cầm", "Quàng", "Tòng", "Điêu", "Mè", "Lù", "Khà", "Cứ",
    "Ly", "Sình", "Chẻo", "Thạch", "Đàng", "Ksor", "Siu", "Rơ", "Nay", "Rah", "Kpă", "Y",
    # Khmer (Sơn, Danh, Chau, Néang), Cham, and more Central Highlands and Truong Son families.
    "Sơn", "Danh", "Chau", "Néang", "Kiên", "Rmah", "Rcom", "Niê", "Êban", "Mlô", "Byă", "Adrơng",
    "Bhnướch", "Alăng", "Pơloong", "Zơ", "Blúp", "Liêng", "Bờ", "A",
    # Less frequent Kinh families whose word opens no common place or title ("Châu Thành" is in PLACES).
    "Châu", "Lữ", "Mã", "Bạch", "Cù", "Khương", "Tiêu", "Quản", "Hàng", "Đậu", "Khưu", "Lăng", "Ngọ",
])
# Name openings written with an apostrophe: Ê Đê and Gia Rai women ("H'Yim Kđoh"), Cơ Ho ("K'Mák").
SURNAME_PREFIXES: tuple[str, ...] = ("H'", "H’", "K'", "K’")

# Provinces and towns whose first word is also a family name or which precede names in titles
# ("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng"). A name never starts inside one of these.
PLACES: tuple[str, ...] = (
    "Hà Nội", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hà Đông", "Cao Bằng", "Lào Cai", "Lai Châu", "Điện Biên",
    "Sơn La", "Hòa Bình", "Thái Bình", "Thái Nguyên", "Lạng Sơn", "Tuyên Quang", "Phú Thọ", "Vĩnh Phúc",
    "Bắc Giang", "Bắc Ninh", "Bắc Kạn", "Quảng Ninh", "Hải Phòng", "Hải Dương", "Hưng Yên", "Nam Định",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Huế", "Đà Nẵng",
    "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum",
    "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai",
    "Bà Rịa", "Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long",
    "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
    "Yên Bái", "Kỳ Anh", "Hồng Lĩnh", "Cao Lãnh", "Mai Châu", "Lục Yên", "Văn Yên", "Văn Chấn",
    "Châu Thành", "Châu Đốc", "Châu Phú", "Châu Đức", "Lâm Hà", "Mã Đà", "Bạch Long Vĩ", "Hồ Tây",
)

# Names of people who are referred to but never take part in an event.
NAME_STOPLIST: frozenset[str] = frozenset({
    "hồ chí minh", "nguyễn ái quốc", "tôn đức thắng", "võ nguyên giáp",
})

# Heads of titles and positions; a position runs from one of these to the name or to a clause break.
TITLE_HEADS: tuple[str, ...] = (
    "Tổng Bí thư", "Chủ tịch nước", "Phó Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng",
    "Thứ trưởng", "Ủy viên", "Uỷ viên", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Trưởng ban",
    "Phó Trưởng ban", "Trưởng Ban", "Phó Trưởng Ban", "Trưởng đoàn", "Trưởng Đoàn", "Phó Trưởng đoàn",
    "Giám đốc", "Phó Giám đốc", "Tổng Giám đốc", "Chủ nhiệm", "Phó Chủ nhiệm", "Chánh Văn phòng",
    "Chánh văn phòng", "Phó Chánh Văn phòng", "Phó Chánh văn phòng", "Chánh án", "Viện trưởng",
    "Tỉnh ủy viên", "Tỉnh uỷ viên", "Thành ủy viên", "Thành uỷ viên", "Huyện ủy viên", "Huyện uỷ viên",
    "Thị ủy viên", "Đảng ủy viên", "Trưởng phòng", "Phó Trưởng phòng", "Chỉ huy trưởng", "Chính ủy",
    "Tư lệnh", "Hiệu trưởng", "Cục trưởng", "Vụ trưởng", "Tổ trưởng", "Đại biểu Quốc hội", "Thiếu tướng",
    "Trung tướng", "Đại tá", "Thượng tá", "Trưởng Công an", "Thủ trưởng", "Tổng Biên tập", "Trưởng khoa",
    "Chánh Thanh tra", "Phó Chánh Thanh tra", "Trưởng Tiểu ban", "Phó Trưởng Tiểu ban", "Chủ tịch Hội đồng",
    "Bí thư Đảng ủy", "Bí thư Chi bộ", "Phó Bí thư Chi bộ", "Trưởng thôn", "Trưởng bản", "Già làng",
    "Trưởng BCĐ", "Phó Trưởng BCĐ", "Phó Trưởng Ban Chỉ đạo", "Trưởng Ban Chỉ đạo", "Tổ trưởng Tổ công tác",
)

# Memberships written where a title would be ("đảng viên Lò Văn A", "Lò Văn A – Đoàn viên Chi đoàn B"): they
# are not titles, but they say who the person is, so the person is kept with them.
MEMBER_ROLES: tuple[str, ...] = ("Đảng viên", "Đoàn viên", "Hội viên", "Đội viên")

# Abbreviations written inside positions, expanded as the gold writes them ("Phó Bí thư TT" → "Thường trực").
POSITION_ABBREVIATIONS: dict[str, str] = {
    "TT": "Thường trực",
    "BTV": "Ban Thường vụ",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "PBT": "Phó Bí thư",
    "PCT": "Phó Chủ tịch",
    "TUV": "Tỉnh ủy viên",
    "HUV": "Huyện ủy viên",
    "ThUV": "Thành ủy viên",
    "GĐ": "Giám đốc",
    "PGĐ": "Phó Giám đốc",
    "UV": "Ủy viên",
    "T.Ư": "Trung ương",
    "TƯ": "Trung ương",
    "UVTƯ": "Ủy viên Trung ương",
    "UVT.Ư": "Ủy viên Trung ương",
    "UVTW": "Ủy viên Trung ương",
    "BCH": "Ban Chấp hành",
    "BCĐ": "Ban Chỉ đạo",
}

# Verbs and clause words that end a position or a name"s trailing list.
POSITION_STOPS: tuple[str, ...] = (
    "chủ trì", "đồng chủ trì", "dự", "tham dự", "phát biểu", "cho biết", "nhấn mạnh", "yêu cầu", "đề nghị",
    "kết luận", "đã", "tổ chức", "thông tin", "giải đáp", "trình bày", "khẳng định", "chỉ đạo", "khai mạc",
    "nêu rõ", "nêu", "thay mặt", "trao", "tặng", "đánh giá", "ghi nhận", "biểu dương", "nhận định", "cùng",
    "tới dự", "đến dự", "làm việc", "được", "là", "có", "về", "tại", "trong", "với", "theo", "đề xuất", "làm",
    "khen thưởng", "chúc mừng", "thăm", "báo cáo", "quán triệt", "chia sẻ", "động viên", "công bố",
    "thông báo", "phát động", "điều hành", "trao đổi", "giới thiệu",
)

# Words that open an organisation name able to receive a task ("Văn phòng Tỉnh ủy", "Sở Kế hoạch và Đầu tư").
ORG_HEADS: tuple[str, ...] = (
    "Văn phòng", "Sở", "Ban", "Ủy ban", "Uỷ ban", "UBND", "HĐND", "UBMTTQ", "MTTQ", "Mặt trận", "Đảng ủy",
    "Đảng uỷ", "Đảng đoàn", "Ban Cán sự", "Ban cán sự", "Huyện ủy", "Thành ủy", "Thị ủy", "Tỉnh ủy",
    "Quận ủy", "Công an", "Bộ Chỉ huy", "Hội", "Liên đoàn", "Tỉnh đoàn", "Đoàn", "Trường", "Trung tâm",
    "Chi bộ", "Chi ủy", "Đảng bộ", "Cục", "Chi cục", "Phòng", "Bộ", "Viện", "Báo", "Đài", "Kho bạc",
    "Ngân hàng", "Thanh tra", "Tòa án", "Viện kiểm sát", "Bảo hiểm", "UBKT", "BTV", "Thường trực", "Tổ",
    "Liên minh", "Tiểu ban", "Ban Chỉ đạo", "BCĐ", "Tổ công tác", "Hội đồng",
)

# Groups that a body sends out and that can receive a task ("phân công 6 đoàn kiểm tra để kiểm tra …").
TEAM_NOUNS: tuple[str, ...] = (
    "đoàn kiểm tra", "đoàn giám sát", "đoàn công tác", "tổ công tác", "tổ giám sát",
)

# Levels that name a set of units ("các huyện", "các sở, ngành"): specific enough to carry a task.
UNIT_LEVELS: tuple[str, ...] = (
    "huyện", "xã", "phường", "thị trấn", "thị xã", "thành phố", "sở", "ban", "ngành", "chi bộ", "đảng bộ",
    "đảng ủy", "huyện ủy", "thành ủy", "thị ủy", "phòng", "trường", "hội", "đoàn thể", "tổ chức chính trị",
    "tổ chức cơ sở đảng", "tổ chức đảng", "cơ quan", "vụ",
    # Committees of a level ("các cấp ủy cơ sở"), not every committee ("các cấp ủy" stays generic).
    "cấp ủy cơ sở", "cấp ủy trực thuộc", "đảng ủy cơ sở", "đảng ủy trực thuộc", "chi, đảng bộ",
    "đảng bộ cơ sở", "đảng bộ trực thuộc", "chi bộ trực thuộc",
)

# Names of bodies and sectors with a task verb inside ("ngành Tổ chức xây dựng Đảng"): the verb does not end
# the assignee there.
NAMES_WITH_VERBS: tuple[str, ...] = (
    "Tổ chức xây dựng Đảng", "Tổ chức Xây dựng Đảng", "Ban xây dựng Đảng", "Ban Xây dựng Đảng",
    "ban xây dựng Đảng", "Kiểm tra Đảng", "Tuyên giáo và Dân vận",
)

# Verbs that open a task after its assignee ("Văn phòng Tỉnh ủy tiếp thu …").
TASK_VERBS: tuple[str, ...] = (
    "tiếp thu", "tham mưu", "lập", "báo cáo", "tập trung", "xây dựng", "triển khai", "thực hiện", "chỉ đạo",
    "rà soát", "tổng hợp", "hoàn thành", "tiếp tục", "chủ động", "phối hợp", "nghiên cứu", "đẩy mạnh",
    "tăng cường", "quan tâm", "khẩn trương", "sớm", "kiểm tra", "đôn đốc", "hướng dẫn", "theo dõi", "bổ sung",
    "điều chỉnh", "ban hành", "làm tốt", "làm rõ", "đề xuất", "quán triệt", "nâng cao", "phát huy",
    "khắc phục", "giải quyết", "cần", "phải", "chuẩn bị", "tích cực", "quyết liệt", "đảm bảo", "bảo đảm",
    "lãnh đạo", "duy trì", "củng cố", "kiện toàn", "đánh giá", "sửa đổi", "trình", "hoàn thiện",
    "chịu trách nhiệm", "thường xuyên", "kịp thời", "tuyên truyền", "vận động", "bố trí", "cử", "thẩm định",
    "tổ chức thực hiện", "có", "giám sát", "chấn chỉnh", "phát động", "xử lý", "chủ trì",
    "bám sát", "đổi mới", "chú trọng", "đẩy nhanh", "lựa chọn", "xác định", "chăm lo", "tổ chức tốt",
)

# Nouns that a bare number counts ("722 tổ chức cơ sở đảng", "16/35 đảng ủy"); longest first when matching.
COUNT_UNITS: tuple[str, ...] = (
    "tổ chức cơ sở đảng", "tổ chức đảng", "tổ chức", "cơ sở đảng", "đảng bộ trực thuộc", "đảng bộ cơ sở",
    "đảng bộ bộ phận", "đảng bộ", "chi bộ trực thuộc", "chi bộ cơ sở", "chi bộ", "đảng ủy", "đảng uỷ",
    "cấp ủy", "đảng viên", "quần chúng", "cảm tình đảng", "đồng chí", "cán bộ", "công chức", "viên chức",
    "người", "hộ", "xã", "phường", "thị trấn", "huyện", "thôn", "bản", "tổ dân phố", "tổ", "khu dân cư",
    "tiểu khu", "đơn vị", "cơ quan", "doanh nghiệp", "tập thể", "cá nhân", "cuộc", "trường hợp", "mô hình",
    "lượt", "buổi", "lớp", "học viên", "đại biểu", "tỷ đồng", "triệu đồng", "nghìn đồng", "đồng", "ý kiến",
    "kiến nghị", "đơn", "vụ", "văn bản", "nghị quyết", "chỉ thị", "kết luận", "kế hoạch", "chỉ tiêu",
    "tiêu chí", "nhiệm vụ", "công trình", "dự án", "hội viên", "đoàn viên", "thành viên", "gia đình", "nhà",
    "căn nhà", "thẻ", "huy hiệu", "chuyên đề", "điểm cầu", "trường",
    "chi, đảng bộ cơ sở", "chi, đảng bộ trực thuộc", "chi, đảng bộ", "ĐV", "hồ sơ", "đoàn công tác",
    "đoàn", "ấp, khu phố", "ấp", "khu phố", "tỉnh, thành phố", "tỉnh", "thành phố", "lượt người", "nhóm",
    "câu lạc bộ", "sản phẩm", "ha", "km", "trại sinh", "học sinh", "sinh viên", "thanh niên", "công nhân",
    # "3 đ/c" is "3 đồng chí"; "54 điển hình" are exemplary people or units, as "147 mô hình" are models.
    "đ/c", "điển hình", "gương điển hình",
)
# Units written glued to their number ("3.600ha", "12km").
GLUED_UNITS: tuple[str, ...] = ("ha", "km", "m2", "m²", "kg")

# Units of time: a number before them is a duration or an anniversary, never a figure.
TIME_UNITS: tuple[str, ...] = (
    "năm", "tháng", "ngày", "quý", "tuần", "giờ", "phút", "lần", "đợt", "khóa", "khoá",
)

# Words that mark a clause as a shortcoming.
SHORTCOMING_MARKERS: tuple[str, ...] = (
    "còn", "chưa", "không", "thiếu", "hạn chế", "yếu", "kém", "khó khăn", "chậm", "vướng mắc", "bất cập",
    "tồn tại", "giảm sút", "hình thức", "lúng túng", "sai phạm", "vi phạm",
)

# Nouns that, followed by a list, introduce shortcomings ("chỉ rõ một số hạn chế … như: …").
SHORTCOMING_NOUNS: tuple[str, ...] = (
    "hạn chế", "tồn tại", "yếu kém", "khó khăn", "vướng mắc", "bất cập", "thiếu sót", "khuyết điểm",
)

# Sentence openers that introduce shortcomings for the rest of the paragraph.
SHORTCOMING_OPENERS: tuple[str, ...] = (
    "Tuy nhiên", "Tuy vậy", "Song", "Bên cạnh những kết quả đạt được",
)

# Meeting kinds: (code, words). Specific kinds before generic ones; the earliest word in the lead wins.
EVENT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("giao_ban", ("giao ban", "trực báo")), ("so_ket", ("sơ kết",)), ("tong_ket", ("tổng kết",)),
    ("dai_hoi", ("đại hội",)), ("quan_triet", ("quán triệt", "học tập, quán triệt")),
    ("tap_huan", ("tập huấn", "bồi dưỡng nghiệp vụ")), ("hoi_thao", ("hội thảo", "tọa đàm", "toạ đàm")),
    ("kiem_tra", ("đoàn kiểm tra", "kiểm tra tại")), ("giam_sat", ("đoàn giám sát", "giám sát tại")),
    ("ket_nap", ("lễ kết nạp",)), ("gap_mat", ("gặp mặt",)),
    ("trao_huy_hieu", ("trao huy hiệu", "trao tặng huy hiệu")),
    ("sinh_hoat_chuyen_de", ("sinh hoạt chuyên đề",)),
)
GENERIC_EVENT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hoi_nghi", ("hội nghị",)), ("hop", ("họp", "cuộc họp", "phiên họp")), ("lam_viec", ("làm việc",)),
)
# fmt: on
