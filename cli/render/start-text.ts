import type { Language } from '../../shared/style/language.ts';

/** A step of the local monitoring cycle, as the cycle reports it; the words are the reader's. */
export type CycleStep =
  | { readonly kind: 'generate'; readonly host: string }
  | { readonly kind: 'pull'; readonly sources: number; readonly store: StoreLocation }
  | { readonly kind: 'evaluate' }
  | { readonly kind: 'digest' };

/** Where the cycle stores: the embedded store's folder, or a configured DynamoDB table. */
export type StoreLocation = { readonly folder: string } | { readonly table: string };

/** How many steps `npm start` reports ([1/4] … [4/4]). */
export const CYCLE_STEPS = 4;

/** Every line `npm start` writes to the terminal besides the dashboard, in Vietnamese and English. */
export interface StartPhrasebook {
  readonly step: (step: CycleStep) => string;
  /** An --as-of run on the default folder moves to a folder of its own. */
  readonly ownFolder: (asOf: string, folder: string, realRun: string) => string;
  readonly published: (file: string, version: string, folder: string) => string;
  readonly differs: (file: string, fileVersion: string, current: string, publish: string) => string;
  readonly confirmDelete: (folder: string) => string;
  readonly nothingDeleted: string;
  readonly deleted: (folder: string) => string;
  readonly resetNeedsYes: (folder: string) => string;
}

const VI: StartPhrasebook = {
  step: (step) => {
    switch (step.kind) {
      case 'generate':
        return `tạo SỐ LIỆU MẪU và mở nguồn số liệu mẫu trên ${step.host}`;
      case 'pull':
        return `lấy số liệu từ ${step.sources} nguồn vào ${
          'folder' in step.store
            ? `kho dữ liệu cục bộ ${step.store.folder}`
            : `bảng DynamoDB ${step.store.table}`
        }`;
      case 'evaluate':
        return 'đánh giá và gửi cảnh báo (vào hộp thư đi)';
      case 'digest':
        return 'lập bản tin tuần';
    }
  },
  ownFolder: (asOf, folder, realRun) =>
    `--as-of ${asOf}: lần chạy này dùng thư mục dữ liệu riêng ${folder}, để lần chạy thật trong ${realRun} giữ nguyên (--data-dir chọn thư mục khác).`,
  published: (file, version, folder) => `đã công bố ${file} thành phiên bản danh mục ${version} (${folder}).`,
  differs: (file, fileVersion, current, publish) =>
    `lưu ý: ${file} (phiên bản ${fileVersion}) khác phiên bản đã công bố ${current}, là phiên bản lần chạy này dùng; để công bố tệp: ${publish}`,
  confirmDelete: (folder) => `Xoá thư mục dữ liệu cục bộ ${folder}?`,
  nothingDeleted: 'không xoá gì.',
  deleted: (folder) => `đã xoá ${folder}.`,
  resetNeedsYes: (folder) =>
    `--reset hỏi lại trước khi xoá ${folder}, nhưng không có cửa sổ dòng lệnh để trả lời: thêm --yes để xoá không cần hỏi`,
};

const EN: StartPhrasebook = {
  step: (step) => {
    switch (step.kind) {
      case 'generate':
        return `generating SAMPLE DATA and starting the sample source on ${step.host}`;
      case 'pull':
        return `pulling ${step.sources} sources into ${
          'folder' in step.store
            ? `the embedded store in ${step.store.folder}`
            : `DynamoDB table ${step.store.table}`
        }`;
      case 'evaluate':
        return 'evaluating and alerting (outbox)';
      case 'digest':
        return 'rendering the weekly digest';
    }
  },
  ownFolder: (asOf, folder, realRun) =>
    `--as-of ${asOf}: this run uses its own data folder ${folder}, so the real run in ${realRun} is left as it is (--data-dir chooses another folder).`,
  published: (file, version, folder) => `published ${file} as catalog version ${version} (${folder}).`,
  differs: (file, fileVersion, current, publish) =>
    `note: ${file} (version ${fileVersion}) differs from the published version ${current}, which this run uses; publish the file with: ${publish}`,
  confirmDelete: (folder) => `Delete the local data folder ${folder}?`,
  nothingDeleted: 'nothing deleted.',
  deleted: (folder) => `deleted ${folder}.`,
  resetNeedsYes: (folder) =>
    `--reset asks before deleting ${folder}, and there is no terminal to answer: add --yes to delete it without asking`,
};

export const START_TEXT: Readonly<Record<Language, StartPhrasebook>> = { vi: VI, en: EN };

/** A progress line: `[2/4] lấy số liệu từ 2 nguồn …`. */
export function stepLine(step: CycleStep, index: number, language: Language): string {
  return `[${index}/${CYCLE_STEPS}] ${START_TEXT[language].step(step)}`;
}
