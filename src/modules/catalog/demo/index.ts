export { buildDemoCatalog } from './build-demo-catalog.js';
export { type CatalogDemoSummary, seedCatalogDemo } from './seed-catalog-demo.js';
