/**
 * 简体中文界面文字 — the default language. Every UI string lives here (and in en.ts under the same key), grouped by
 * area. Placeholders are written {name} and filled by `translate`.
 */
export const zhCN = {
  // ── app shell ───────────────────────────────────────────────
  'app.title': '预决算审阅台',
  'app.subtitle': '部门预算 / 决算公开表格的提取、核对与审阅',
  'app.loading': '正在启动…',
  'app.language': '界面语言',
  'app.language.zh-CN': '中文',
  'app.language.en': 'English',

  // ── start screen ────────────────────────────────────────────
  'start.open': '打开 PDF…',
  'start.openHint': '或将 PDF 文件拖放到窗口任意位置',
  'start.openSample': '打开示例文件',
  'start.recent': '最近打开',
  'start.recentEmpty': '还没有打开过文件。',
  'start.pages': '{pages} 页',
  'start.openFindings': '{count} 条待处理问题',
  'start.status.new': '未提取',
  'start.status.extracted': '已提取',
  'start.status.in_review': '审阅中',
  'start.status.signed_off': '已签核',
  'start.dropHere': '松开鼠标以打开 PDF',

  // ── toolbar / menus ─────────────────────────────────────────
  'toolbar.open': '打开',
  'toolbar.openTitle': '打开 PDF 文件 (Ctrl+O)',
  'toolbar.home': '首页',
  'toolbar.thumbnails': '缩略图',
  'toolbar.prevPage': '上一页',
  'toolbar.nextPage': '下一页',
  'toolbar.pageInput': '页码',
  'toolbar.pageOf': '/ {pages}',
  'toolbar.zoomIn': '放大',
  'toolbar.zoomOut': '缩小',
  'toolbar.zoom': '缩放',
  'toolbar.fitWidth': '适合宽度',
  'toolbar.fitPage': '适合页面',
  'toolbar.export': '导出',
  'toolbar.export.xlsx': 'Excel 工作簿 (.xlsx)',
  'toolbar.export.csv': 'CSV 表格 (.csv)',
  'toolbar.export.json': 'JSON 数据 (.json)',
  'toolbar.exportDone': '已导出：{name}',
  'toolbar.exportSaved': '已保存到 {path}',

  // ── progress ────────────────────────────────────────────────
  'progress.reading': '正在读取页面 {done}/{total}',
  'progress.detecting': '正在识别表格 {done}/{total}',
  'progress.assembling': '正在整理表格 {done}/{total}',
  'progress.validating': '正在核对',
  'progress.done': '提取完成',
  'progress.failed': '提取失败：{message}',

  // ── errors (banners) ────────────────────────────────────────
  'error.dismiss': '关闭',
  'error.not_pdf': '「{name}」不是 PDF 文件，无法打开。',
  'error.empty_file': '「{name}」是空文件。',
  'error.encrypted': '「{name}」已加密（需要密码），无法打开。请先取消文档的密码保护。',
  'error.corrupt': '「{name}」已损坏或不完整（可能下载中断），无法显示。',
  'error.not_found': '找不到文件：{name}',
  'error.too_large': '文件太大，无法上传。',
  'error.network': '无法连接到审阅服务：{message}',
  'error.unauthorized': '访问令牌无效。请使用启动时输出的完整地址重新打开页面。',
  'error.generic': '操作失败：{message}',
  'error.render': '第 {page} 页无法显示：{message}',

  // ── PDF viewer ──────────────────────────────────────────────
  'viewer.loading': '正在载入文档…',
  'viewer.page': '第 {page} 页',
  'viewer.thumbnail': '第 {page} 页缩略图',
  'viewer.drawHint': '在页面上拖出矩形以框选表格区域（Esc 取消）',
  'viewer.empty': '没有打开的文档',
  'viewer.failed': '文档无法显示。',

  // ── layout ──────────────────────────────────────────────────
  'layout.splitter': '拖动以调整左右窗格宽度',
  'layout.dataSidePending': '数据面板（表格列表、表格编辑与问题清单）尚未加载。',
} as const;

export type MessageKey = keyof typeof zhCN;
