/**
 * Gazetteer of Vietnam's provincial units.
 *
 * The 63 provinces and centrally-run cities before the 2025 arrangement, and the
 * 34 units of Resolution 202/2025/QH15 (new provincial authorities from 1 July 2025).
 * Every 2025 unit kept the name of one of its parts, so those names are `both`;
 * Huế is the former Thừa Thiên Huế, a centrally-run city since 1 January 2025.
 *
 * Matching is on the accent-free form, so an alias is listed only when its
 * accent-free form differs from the name's (`Daklak`, `Bắc Cạn`) or when it is a
 * second accented spelling (`Đăk Lăk`) that the accent check must accept.
 * `Hoà`/`Hòa` style differences need no alias: the accent check compares canonical forms.
 */

export type ProvinceEra = 'pre2025' | 'post2025' | 'both';

export interface ProvinceRecord {
  /** Official name with accents, as reports write it. */
  readonly name: string;
  readonly era: ProvinceEra;
  /** Other spellings and short forms, accepted in reports and questions. */
  readonly aliases: readonly string[];
  /** Accepted in questions only: in reports these mostly mean something else (`Hồ Chí Minh` the person). */
  readonly queryAliases?: readonly string[];
  /** For a 2025 unit formed by merging: the pre-2025 provinces it covers, itself first when it was one. */
  readonly merged?: readonly string[];
}

const pre = (name: string, ...aliases: string[]): ProvinceRecord => ({ name, era: 'pre2025', aliases });
const both = (name: string, aliases: string[], merged?: string[]): ProvinceRecord =>
  merged ? { name, era: 'both', aliases, merged: [name, ...merged] } : { name, era: 'both', aliases };

export const PROVINCES: readonly ProvinceRecord[] = [
  // Unchanged in 2025.
  both('Hà Nội', ['Hanoi', 'Thủ đô Hà Nội', 'TP. Hà Nội', 'TP HN', 'TP.HN', 'TPHN']),
  both('Lai Châu', ['Laichau']),
  both('Điện Biên', []),
  both('Sơn La', []),
  both('Lạng Sơn', []),
  both('Quảng Ninh', []),
  both('Thanh Hóa', []),
  both('Nghệ An', []),
  both('Hà Tĩnh', []),
  both('Cao Bằng', []),
  {
    name: 'Huế',
    era: 'post2025',
    aliases: ['Thành phố Huế', 'TP. Huế', 'Hue City'],
    merged: ['Thừa Thiên Huế'],
  },
  // Merged in 2025: the unit keeps the first part's name.
  both('Tuyên Quang', [], ['Hà Giang']),
  both('Lào Cai', ['Laocai'], ['Yên Bái']),
  both('Thái Nguyên', [], ['Bắc Kạn']),
  both('Phú Thọ', [], ['Vĩnh Phúc', 'Hòa Bình']),
  both('Bắc Ninh', [], ['Bắc Giang']),
  both('Hưng Yên', [], ['Thái Bình']),
  both('Hải Phòng', ['Haiphong', 'TP. Hải Phòng'], ['Hải Dương']),
  both('Ninh Bình', [], ['Hà Nam', 'Nam Định']),
  both('Quảng Trị', [], ['Quảng Bình']),
  both('Đà Nẵng', ['Danang', 'TP. Đà Nẵng'], ['Quảng Nam']),
  both('Quảng Ngãi', [], ['Kon Tum']),
  both('Gia Lai', ['Gialai'], ['Bình Định']),
  both('Khánh Hòa', [], ['Ninh Thuận']),
  both('Lâm Đồng', [], ['Đắk Nông', 'Bình Thuận']),
  both('Đắk Lắk', ['Đăk Lăk', 'Đắk Lăk', 'Đắc Lắc', 'Daklak', 'Dak Lac'], ['Phú Yên']),
  {
    ...both(
      'TP. Hồ Chí Minh',
      [
        'Thành phố Hồ Chí Minh',
        'TP Hồ Chí Minh',
        'Tp.HCM',
        'TPHCM',
        'TP HCM',
        'HCM',
        'HCMC',
        'Sài Gòn',
        'Saigon',
        'Ho Chi Minh City',
      ],
      ['Bình Dương', 'Bà Rịa - Vũng Tàu'],
    ),
    queryAliases: ['Hồ Chí Minh'],
  },
  both('Đồng Nai', [], ['Bình Phước']),
  both('Tây Ninh', [], ['Long An']),
  both('Cần Thơ', ['Cantho', 'TP. Cần Thơ'], ['Sóc Trăng', 'Hậu Giang']),
  both('Vĩnh Long', [], ['Bến Tre', 'Trà Vinh']),
  both('Đồng Tháp', [], ['Tiền Giang']),
  both('Cà Mau', ['Camau'], ['Bạc Liêu']),
  both('An Giang', [], ['Kiên Giang']),
  // Pre-2025 provinces absorbed into a unit named after another one.
  pre('Hà Giang'),
  pre('Yên Bái'),
  pre('Bắc Kạn', 'Bắc Cạn'),
  pre('Vĩnh Phúc'),
  pre('Hòa Bình'),
  pre('Bắc Giang'),
  pre('Thái Bình'),
  pre('Hải Dương'),
  pre('Hà Nam'),
  pre('Nam Định'),
  pre('Quảng Bình'),
  pre('Thừa Thiên Huế', 'Thừa Thiên - Huế', 'TT-Huế', 'TT Huế'),
  pre('Quảng Nam'),
  pre('Kon Tum', 'Kontum'),
  pre('Bình Định'),
  pre('Ninh Thuận'),
  pre('Đắk Nông', 'Đăk Nông', 'Đắc Nông', 'Daknong'),
  pre('Bình Thuận'),
  pre('Phú Yên'),
  pre('Bình Dương'),
  pre('Bà Rịa - Vũng Tàu', 'Bà Rịa Vũng Tàu', 'BR-VT', 'BRVT', 'Vũng Tàu'),
  pre('Bình Phước'),
  pre('Long An'),
  pre('Sóc Trăng'),
  pre('Hậu Giang'),
  pre('Bến Tre'),
  pre('Trà Vinh'),
  pre('Tiền Giang'),
  pre('Bạc Liêu'),
  pre('Kiên Giang'),
];

/**
 * Names that are also ordinary Vietnamese phrases (`cao bằng` "as high as",
 * `hòa bình` "peace", `hải dương` "ocean"), keyed by accent-free letters only.
 * In reports they count only when capitalised; questions are typed in lower case.
 */
export const ORDINARY_PHRASES: ReadonlySet<string> = new Set([
  'caobang',
  'haiduong',
  'hoabinh',
  'thaibinh',
  'binhdinh',
  'binhduong',
  'binhphuoc',
  'binhthuan',
  'ninhthuan',
  'vinhphuc',
  'vinhlong',
  'longan',
  'angiang',
  'tiengiang',
  'haugiang',
  'dongthap',
  'phuyen',
  'phutho',
  'hungyen',
  'quangbinh',
  'tuyenquang',
  'sonla',
  'gialai',
  'lamdong',
  'thanhhoa',
  'khanhhoa',
  'hue',
  'vungtau',
]);

/**
 * Longer names that contain a province name without meaning it, as accent-free
 * text before or after the match (`Thái Bình Dương` is the Pacific Ocean).
 */
export const ALIAS_GUARDS: ReadonlyMap<string, { before?: RegExp; after?: RegExp }> = new Map([
  ['thaibinh', { after: /^[^\S\n]*duong\b/ }],
  ['binhduong', { before: /\bthai[^\S\n]*$/ }],
  // `Chiến thắng Điện Biên Phủ`, the 1954 battle, in every province's anniversaries.
  ['dienbien', { after: /^[^\S\n]*phu\b/ }],
  // The former province Hà Nam Ninh (1975-1991).
  ['hanam', { after: /^[^\S\n]*ninh\b/ }],
  // The person, not the city: `tư tưởng Hồ Chí Minh`, `Chủ tịch Hồ Chí Minh`.
  ['hochiminh', { before: /\b(?:chu tich|tu tuong|dao duc|phong cach|bac|lang|tncs|doan|cong san)[^\S\n]*$/ }],
]);
