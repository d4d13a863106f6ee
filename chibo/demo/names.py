"""Word lists for the demo data: Vietnamese personal names and the names of local organisations.

Ward and commune names never come from here: they come from `vietnam-provinces`.
Surname weights follow the commonly cited national shares (Nguyễn ~38%, Trần ~11%, Lê ~9.5%,
Phạm ~7%, Hoàng/Huỳnh ~5% ...), leaning to Huỳnh and Võ, the southern forms, for Ho Chi Minh City.
"""

SURNAMES: dict[str, float] = {
    "Nguyễn": 38.0,
    "Trần": 11.0,
    "Lê": 9.5,
    "Phạm": 7.0,
    "Huỳnh": 3.5,
    "Hoàng": 1.5,
    "Phan": 4.5,
    "Võ": 3.0,
    "Vũ": 1.0,
    "Đặng": 2.1,
    "Bùi": 2.0,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1.0,
    "Lý": 0.5,
    "Trương": 1.0,
    "Đinh": 0.5,
    "Lâm": 0.5,
    "Mai": 0.4,
    "Đoàn": 0.4,
    "Lương": 0.3,
    "Châu": 0.3,
    "Cao": 0.3,
    "Tạ": 0.2,
    "Lưu": 0.2,
    "Thái": 0.2,
    "Quách": 0.1,
    "Hà": 0.2,
    "Tô": 0.2,
    "Tăng": 0.1,
    "La": 0.1,
    "Kiều": 0.1,
}

MALE_MIDDLE_NAMES: dict[str, float] = {
    "Văn": 30.0,
    "Hữu": 6.0,
    "Đức": 6.0,
    "Minh": 8.0,
    "Quốc": 5.0,
    "Thanh": 5.0,
    "Công": 4.0,
    "Quang": 4.0,
    "Ngọc": 3.0,
    "Trọng": 2.0,
    "Xuân": 2.0,
    "Hoàng": 3.0,
    "Tấn": 4.0,
    "Thành": 3.0,
    "Đình": 2.0,
    "Duy": 2.0,
    "Gia": 2.0,
    "Nhật": 2.0,
    "Trung": 2.0,
    "Anh": 2.0,
    "Hoài": 1.0,
    "Phước": 1.0,
    "Văn Minh": 1.0,
    "Hữu Phước": 0.5,
}

FEMALE_MIDDLE_NAMES: dict[str, float] = {
    "Thị": 35.0,
    "Ngọc": 8.0,
    "Thu": 5.0,
    "Thanh": 6.0,
    "Kim": 4.0,
    "Mỹ": 3.0,
    "Thùy": 3.0,
    "Phương": 3.0,
    "Bích": 2.0,
    "Hồng": 2.0,
    "Minh": 2.0,
    "Hoài": 1.5,
    "Diễm": 1.0,
    "Khánh": 1.5,
    "Thảo": 1.0,
    "Thị Ngọc": 4.0,
    "Thị Thu": 3.0,
    "Thị Thanh": 3.0,
    "Thị Kim": 2.0,
    "Thị Mỹ": 2.0,
    "Thị Hồng": 1.5,
}

MALE_GIVEN_NAMES = (
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Đức", "Hải", "Hậu", "Hiếu",
    "Hiển", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khang", "Khánh", "Khoa", "Kiên", "Kiệt",
    "Lâm", "Long", "Lộc", "Lợi", "Minh", "Nam", "Nghĩa", "Nguyên", "Nhân", "Phát", "Phong",
    "Phú", "Phúc", "Phước", "Quân", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thắng",
    "Thành", "Thiện", "Thịnh", "Thông", "Tiến", "Tín", "Toàn", "Trí", "Trọng", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hạnh", "Thuận", "Nhựt", "Tú",
)  # fmt: skip

FEMALE_GIVEN_NAMES = (
    "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
    "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan",
    "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Nhi", "Oanh", "Phương", "Phượng", "Quyên",
    "Quỳnh", "Tâm", "Thảo", "Thủy", "Thư", "Thúy", "Trang", "Trâm", "Trinh", "Tuyết", "Uyên",
    "Vân", "Vy", "Xuân", "Yến", "Thanh", "Lệ", "Nguyệt", "Kiều",
)  # fmt: skip

# Schools, streets and companies are often named after historical figures and places.
SCHOOL_NAMES = (
    "Trần Hưng Đạo", "Lê Quý Đôn", "Nguyễn Du", "Võ Trường Toản", "Lương Thế Vinh", "Chu Văn An",
    "Nguyễn Thị Minh Khai", "Trưng Vương", "Nguyễn Văn Trỗi", "Lê Lợi", "Hai Bà Trưng",
    "Đinh Tiên Hoàng", "Phan Chu Trinh", "Nguyễn Trãi", "Võ Thị Sáu", "Lê Văn Tám", "Kim Đồng",
    "Ngô Quyền", "Lý Tự Trọng", "Nguyễn Đình Chiểu", "Trần Quốc Toản", "Bạch Đằng", "Hùng Vương",
    "Nguyễn Bỉnh Khiêm", "Văn Lang", "Lê Văn Sỹ", "Phan Bội Châu", "Huỳnh Thúc Kháng",
    "Trần Phú", "Lạc Long Quân", "Âu Lạc", "Đống Đa", "Điện Biên", "Bàu Sen", "Hòa Bình",
    "Nguyễn Huệ", "Quang Trung", "Lý Thường Kiệt", "Tô Hiến Thành", "Châu Văn Liêm",
)  # fmt: skip

COMPANY_NAMES = (
    "Sài Gòn Xanh", "Phương Nam", "Bến Nghé", "Thành Công", "Đại Phát", "Hưng Thịnh", "An Khang",
    "Đông Á", "Cửu Long", "Sao Việt", "Trường Sơn", "Phú Thành", "Nam Việt", "Toàn Thắng",
    "Hợp Nhất", "Tân Tiến", "Minh Phát", "Đồng Tâm", "Thái Sơn", "Bình An", "Kim Long",
    "Hoàng Long", "Phú Hưng", "Tiến Phát", "Việt Hưng", "Gia Định", "Đất Phương Nam",
    "Sông Sài Gòn",
)  # fmt: skip

COMPANY_FORMS = ("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH Một thành viên")
COMPANY_TRADES = ("Thương mại", "Dịch vụ", "Xây dựng", "Vận tải", "Cơ khí", "Dệt may", "Thực phẩm")

SCHOOL_LEVELS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trường THPT")

# Grassroots committees (đảng bộ cơ sở) and the branches they are typically made of.
AGENCY_BRANCHES = (
    "Chi bộ Văn phòng HĐND và UBND",
    "Chi bộ Phòng Kinh tế, Hạ tầng và Đô thị",
    "Chi bộ Phòng Văn hóa - Xã hội",
    "Chi bộ Trung tâm Phục vụ hành chính công",
    "Chi bộ Trung tâm Cung ứng dịch vụ công",
    "Chi bộ Trung tâm Văn hóa - Thể thao",
    "Chi bộ Ban Chỉ huy Quân sự",
    "Chi bộ Trạm Y tế",
)
HOSPITAL_BRANCHES = (
    "Chi bộ Khoa Nội",
    "Chi bộ Khoa Ngoại",
    "Chi bộ Khoa Sản",
    "Chi bộ Khoa Nhi",
    "Chi bộ Khoa Cấp cứu",
    "Chi bộ Khoa Xét nghiệm",
    "Chi bộ Khoa Dược",
    "Chi bộ Khoa Chẩn đoán hình ảnh",
    "Chi bộ Phòng Điều dưỡng",
    "Chi bộ Phòng Kế hoạch tổng hợp",
    "Chi bộ Phòng Tài chính - Kế toán",
)
COMPANY_BRANCHES = (
    "Chi bộ Văn phòng Công ty",
    "Chi bộ Phòng Kinh doanh",
    "Chi bộ Phòng Kỹ thuật",
    "Chi bộ Xưởng sản xuất số 1",
    "Chi bộ Xưởng sản xuất số 2",
    "Chi bộ Xưởng sản xuất số 3",
    "Chi bộ Phòng Tài chính - Kế toán",
    "Chi bộ Phòng Hành chính - Nhân sự",
    "Chi bộ Đội xe",
    "Chi bộ Kho vận",
)
COLLEGE_BRANCHES = (
    "Chi bộ Khoa Công nghệ thông tin",
    "Chi bộ Khoa Kinh tế",
    "Chi bộ Khoa Cơ khí",
    "Chi bộ Khoa Ngoại ngữ",
    "Chi bộ Khoa Điện - Điện tử",
    "Chi bộ Khoa Du lịch",
    "Chi bộ Phòng Đào tạo",
    "Chi bộ Phòng Công tác học sinh - sinh viên",
    "Chi bộ Sinh viên",
)

# Southern Vietnam calls people by their birth order ("Tư Hùng", "Sáu Dân"); old records keep it
# as "tên gọi khác". The eldest child is "Hai" in the South.
BIRTH_ORDER_NAMES = ("Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Út")

# Surnames that lean to the Hoa and Khmer communities of the south.
HOA_SURNAMES = ("Lâm", "Lý", "Trương", "Quách", "Châu", "Tăng", "La", "Mã", "Diệp", "Hứa", "Lưu")
KHMER_SURNAMES = ("Thạch", "Sơn", "Danh", "Kim", "Lâm", "Châu", "Trần")

# Street names of the city (most are named after historical figures).
STREETS = (
    "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Tự Trọng", "Pasteur", "Nam Kỳ Khởi Nghĩa",
    "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai", "Võ Văn Tần", "Trần Hưng Đạo",
    "Nguyễn Trãi", "Lê Văn Sỹ", "Hoàng Văn Thụ", "Phan Đăng Lưu", "Nơ Trang Long", "Bạch Đằng",
    "Xô Viết Nghệ Tĩnh", "Phan Văn Trị", "Quang Trung", "Nguyễn Oanh", "Lê Đức Thọ",
    "Trường Chinh", "Âu Cơ", "Lũy Bán Bích", "Tân Kỳ Tân Quý", "Kinh Dương Vương", "Hậu Giang",
    "Hồng Bàng", "Ba Tháng Hai", "Lạc Long Quân", "Tô Hiến Thành", "Huỳnh Tấn Phát",
    "Nguyễn Văn Linh", "Phạm Văn Đồng", "Kha Vạn Cân", "Võ Văn Ngân", "Tỉnh Lộ 8", "Quốc Lộ 22",
    "Nguyễn Văn Tạo", "Rừng Sác", "Lê Văn Lương", "Nguyễn Hữu Thọ", "Tôn Đức Thắng",
)  # fmt: skip
