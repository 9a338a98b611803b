import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  open(): Promise<void>;
  sample(): Promise<void>;
}

export function buildMenu(actions: MenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件 File',
      submenu: [
        { label: '打开… Open…', accelerator: 'CmdOrCtrl+O', click: () => void actions.open() },
        { label: '打开示例 Open sample', click: () => void actions.sample() },
        { type: 'separator' },
        { role: 'quit', label: '退出 Quit' },
      ],
    },
    {
      label: '编辑 Edit',
      submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: '视图 View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
