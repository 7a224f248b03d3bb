export { pageRoutes, type PageRoutesOptions } from './pages.route.js';
export { UiAssets, UI_ASSETS_DIR } from './ui-assets.js';
