const common = {
  paths: ['*.feature'],
  import: ['support/**/*.ts', 'step_definitions/**/*.ts'],
  format: ['progress', 'summary'],
  strict: true,
};

export default common;
export const core = { ...common, worldParameters: { driver: 'core' } };
export const http = { ...common, worldParameters: { driver: 'http' } };
