import type { Role } from '../domain/person.ts';
import type { Language } from '../messages/labels.ts';
import type { MuteProblem } from '../use-cases/mute-changes.ts';

/** The words of the office's pages: mutes and the directory of people (Vietnamese first). */
export interface OfficeLabels {
  readonly readOnly: string;
  readonly invalid: string;
  readonly mutes: {
    readonly title: string;
    readonly intro: string;
    readonly active: string;
    readonly none: string;
    readonly id: string;
    readonly matches: string;
    readonly until: string;
    readonly reason: string;
    readonly author: string;
    readonly remove: string;
    readonly add: string;
    readonly fields: Record<'unit' | 'indicator' | 'level' | 'reason' | 'until' | 'for', string>;
    readonly patternHint: string;
    readonly untilOrFor: string;
    readonly submit: string;
    readonly added: (id: string) => string;
    readonly removed: (id: string) => string;
    readonly notFound: string;
    readonly problems: Record<MuteProblem['code'], string>;
  };
  readonly directory: {
    readonly title: string;
    readonly intro: string;
    readonly people: string;
    readonly none: string;
    readonly columns: Record<'role' | 'unit' | 'indicator' | 'name' | 'email' | 'phone' | 'from', string>;
    readonly roles: Record<Role, string>;
    readonly edit: string;
    readonly deactivate: string;
    readonly setTitle: string;
    readonly setIntro: string;
    readonly validFrom: string;
    readonly submit: string;
    readonly saved: (written: number) => string;
    readonly unchanged: string;
    readonly deactivated: string;
    readonly noSuchSeat: string;
    readonly problems: Record<
      'role' | 'unit' | 'indicator' | 'name' | 'email' | 'phone' | 'validFrom',
      string
    >;
  };
}

const VI: OfficeLabels = {
  readOnly: 'Chỉ Văn phòng được thay đổi trang này; anh/chị đang xem.',
  invalid: 'Chưa lưu, vì dữ liệu chưa hợp lệ',
  mutes: {
    title: 'Tạm dừng cảnh báo',
    intro:
      'Tạm dừng mọi thông báo của các chỉ tiêu khớp mẫu (đơn vị, chỉ tiêu, cấp) đến hết một ngày. Cảnh báo vẫn được đánh giá và hiện trong bản tin, có ghi "tạm dừng". Dấu * thay cho bất kỳ ký tự nào.',
    active: 'Đang tạm dừng',
    none: 'Không có tạm dừng nào đang hiệu lực.',
    id: 'Mã',
    matches: 'Áp dụng cho',
    until: 'Đến hết ngày',
    reason: 'Lý do',
    author: 'Người quyết định',
    remove: 'Bỏ tạm dừng',
    add: 'Thêm tạm dừng',
    fields: {
      unit: 'Mẫu mã đơn vị',
      indicator: 'Mẫu mã chỉ tiêu',
      level: 'Mẫu cấp đơn vị',
      reason: 'Lý do',
      until: 'Đến hết ngày',
      for: 'Hoặc số ngày',
    },
    patternHint: 'Ví dụ: 18073, 40-x*, commune. Để trống: mọi giá trị. Phải điền ít nhất một mẫu.',
    untilOrFor: 'Điền một trong hai: ngày kết thúc hoặc số ngày (1–365).',
    submit: 'Tạm dừng',
    added: (id) => `Đã tạm dừng (mã ${id}).`,
    removed: (id) => `Đã bỏ tạm dừng ${id}: cảnh báo tiếp tục từ lần chạy sau.`,
    notFound: 'Không có tạm dừng đang hiệu lực với mã này.',
    problems: {
      'reason-missing': 'cần ghi lý do tạm dừng',
      'author-missing': 'cần tên người quyết định',
      'mutes-everything': 'cần ít nhất một mẫu khác "*" (không được tạm dừng tất cả)',
      'until-or-for': 'điền một trong hai: ngày kết thúc hoặc số ngày',
      'not-a-date': 'không phải ngày hợp lệ (NNNN-TT-NN)',
      past: 'ngày này đã qua',
      'too-far': 'quá 365 ngày kể từ hôm nay',
      'bad-span': 'phải là số ngày từ 1 đến 365',
      'matches-nothing': 'không khớp với mục nào trong danh mục',
    },
  },
  directory: {
    title: 'Danh bạ',
    intro:
      'Những người đang giữ vị trí hôm nay. Thay người ở một vị trí ghi lại việc bàn giao: người trước thôi từ hôm trước, và lịch sử được giữ.',
    people: 'Người đang giữ vị trí',
    none: 'Chưa có ai trong danh bạ.',
    columns: {
      role: 'Vai trò',
      unit: 'Đơn vị',
      indicator: 'Chỉ tiêu',
      name: 'Họ tên',
      email: 'E-mail',
      phone: 'Điện thoại',
      from: 'Từ ngày',
    },
    roles: {
      head: 'Thủ trưởng',
      deputy: 'Cấp phó',
      'data-contact': 'Đầu mối số liệu',
      owner: 'Phụ trách chỉ tiêu',
      committee: 'Ban Chỉ đạo',
      operator: 'Văn phòng',
    },
    edit: 'Sửa',
    deactivate: 'Cho thôi',
    setTitle: 'Thêm hoặc sửa một người',
    setIntro: 'Đặt một người vào vị trí (vai trò, đơn vị, chỉ tiêu). Cần e-mail hoặc số điện thoại.',
    validFrom: 'Hiệu lực từ ngày (để trống: hôm nay)',
    submit: 'Lưu',
    saved: (written) => `Đã lưu (${written} bản ghi nhiệm kỳ).`,
    unchanged: 'Người này đã ở vị trí đó: không có gì thay đổi.',
    deactivated: 'Đã cho thôi: vị trí để trống từ hôm nay.',
    noSuchSeat: 'Không ai đang giữ vị trí này.',
    problems: {
      role: 'chọn một vai trò',
      unit: 'cần mã một đơn vị có trong danh mục (Ban Chỉ đạo và Văn phòng để trống)',
      indicator: 'cần mã một chỉ tiêu có trong danh mục (người phụ trách chỉ tiêu)',
      name: 'cần họ tên',
      email: 'cần e-mail hợp lệ (hoặc số điện thoại)',
      phone: 'cần số điện thoại dạng +84…',
      validFrom: 'không phải ngày hợp lệ (NNNN-TT-NN)',
    },
  },
};

const EN: OfficeLabels = {
  readOnly: 'Only the office may change this page; you are viewing it.',
  invalid: 'Not saved: a value is not valid',
  mutes: {
    title: 'Mutes',
    intro:
      'Holds back every notice of the series matching the patterns (unit, indicator, level) until a day, inclusive. The alerts are still evaluated and shown in the digest, marked muted. * stands for any characters.',
    active: 'Active mutes',
    none: 'No active mute.',
    id: 'Id',
    matches: 'Applies to',
    until: 'Until',
    reason: 'Reason',
    author: 'Decided by',
    remove: 'Remove',
    add: 'Add a mute',
    fields: {
      unit: 'Unit id pattern',
      indicator: 'Indicator id pattern',
      level: 'Unit level pattern',
      reason: 'Reason',
      until: 'Until (inclusive)',
      for: 'Or number of days',
    },
    patternHint: 'E.g. 18073, 40-x*, commune. Empty: any. Give at least one pattern.',
    untilOrFor: 'Give one of the two: an end date or a number of days (1–365).',
    submit: 'Mute',
    added: (id) => `Muted (id ${id}).`,
    removed: (id) => `Mute ${id} removed: its alerts resume at the next run.`,
    notFound: 'No active mute with this id.',
    problems: {
      'reason-missing': 'say why the alerts are muted',
      'author-missing': 'name who decided it',
      'mutes-everything': 'give at least one pattern other than "*" (muting everything is refused)',
      'until-or-for': 'give one of: an end date or a number of days',
      'not-a-date': 'is not a real date (YYYY-MM-DD)',
      past: 'is already past',
      'too-far': 'is more than 365 days away',
      'bad-span': 'must be a number of days from 1 to 365',
      'matches-nothing': 'matches nothing in the catalog',
    },
  },
  directory: {
    title: 'Directory',
    intro:
      'The people holding a seat today. Putting someone else in a seat records a handover: the previous holder ends the day before, and the history is kept.',
    people: 'People in their seats',
    none: 'Nobody in the directory yet.',
    columns: {
      role: 'Role',
      unit: 'Unit',
      indicator: 'Indicator',
      name: 'Name',
      email: 'E-mail',
      phone: 'Phone',
      from: 'From',
    },
    roles: {
      head: 'Head',
      deputy: 'Deputy',
      'data-contact': 'Data contact',
      owner: 'Indicator owner',
      committee: 'Steering committee',
      operator: 'Office',
    },
    edit: 'Edit',
    deactivate: 'Deactivate',
    setTitle: 'Add or edit a person',
    setIntro: 'Puts one person in a seat (role, unit, indicator). An e-mail or a phone is needed.',
    validFrom: 'From (empty: today)',
    submit: 'Save',
    saved: (written) => `Saved (${written} tenure record(s)).`,
    unchanged: 'This person already holds the seat: nothing changed.',
    deactivated: 'Deactivated: the seat is empty from today.',
    noSuchSeat: 'Nobody holds this seat.',
    problems: {
      role: 'choose a role',
      unit: 'needs the id of a unit of the catalog (empty for the committee and the office)',
      indicator: 'needs the id of an indicator of the catalog (indicator owners)',
      name: 'is required',
      email: 'needs a valid e-mail (or a phone)',
      phone: 'needs a phone number such as +84…',
      validFrom: 'is not a real date (YYYY-MM-DD)',
    },
  },
};

export const OFFICE_LABELS: Record<Language, OfficeLabels> = { vi: VI, en: EN };
