/**
 * The part of @tak-ps/node-cot used here. Its own types are TypeScript sources that its package
 * "exports" do not publish, so the compiler cannot resolve them.
 */
declare module '@tak-ps/node-cot' {
  export default class CoT {
    constructor(cot: string | object);
    to_xml(): string;
  }
}
