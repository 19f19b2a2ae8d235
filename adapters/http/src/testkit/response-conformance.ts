import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchemaDialect } from '../openapi.js';

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components?: unknown;
};

/**
 * Checks real responses against the API's own OpenAPI document: the status must be documented for the
 * operation, and a JSON body must match the documented schema. The HTTP test suites (vitest and the
 * Cucumber HTTP driver) run every response they get through it, so document and server cannot drift.
 */
export class ResponseConformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: { pattern: RegExp; template: string }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  private readonly doc: Doc;

  constructor(document: unknown) {
    this.doc = toJsonSchemaDialect(document) as Doc;
    const doc = this.doc;
    (addFormats as unknown as (ajv: Ajv) => void)(this.ajv);
    this.routes = Object.keys(doc.paths).map((template) => ({
      template,
      pattern: new RegExp(
        `^${template
          .replace(/[.]/g, '\\.')
          .replace(/\{key\}/g, '.+')
          .replace(/\{\w+\}/g, '[^/]+')}$`,
      ),
    }));
  }

  /** Throws an Error naming the operation and what does not match; does nothing for paths outside the document. */
  check(method: string, url: string, status: number, contentType: string | null, bodyText: string): void {
    const path = new URL(url, 'http://x').pathname;
    const route = this.routes.find((r) => r.pattern.test(path));
    if (!route) return;
    const operation = this.doc.paths[route.template]?.[method.toLowerCase()];
    if (!operation) {
      if (status === 405) return;
      throw new Error(`${method} ${route.template}: not in the document, yet answered ${status}`);
    }
    const name = `${method.toUpperCase()} ${route.template}`;
    const documented = operation.responses[String(status)];
    if (!documented)
      throw new Error(
        `${name}: status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`,
      );
    const schema = documented.content?.['application/json']?.schema;
    if (!schema || !contentType?.includes('application/json') || !bodyText) return;
    const key = `${name} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...(schema as object), components: this.doc.components });
      this.compiled.set(key, validate);
    }
    const body: unknown = JSON.parse(bodyText);
    if (!validate(body)) {
      const problems = (validate.errors ?? []).slice(0, 5).map((e) => {
        const extra = e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
        return `${e.instancePath || '(body)'} ${e.message}${extra}`;
      });
      throw new Error(
        `${key}: the body does not match the document: ${problems.join('; ')}\n${bodyText.slice(0, 600)}`,
      );
    }
  }
}
