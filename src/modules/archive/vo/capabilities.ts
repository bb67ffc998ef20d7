import { escapeXml } from './votable.js';

export const SIA2_STANDARD_ID = 'ivo://ivoa.net/std/SIA#query-2.0';
export const CAPABILITIES_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * VOSI capabilities of the SIA v2 service (pyvo reads them before its first query to find the
 * query endpoint). `queryUrl` may carry the caller's `key`, so a key-only client keeps it.
 */
export function sia2Capabilities(urls: { capabilities: string; query: string }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1">',
    '  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">',
    '    <interface xsi:type="vs:ParamHTTP" version="1.0">',
    `      <accessURL use="full">${escapeXml(urls.capabilities)}</accessURL>`,
    '    </interface>',
    '  </capability>',
    `  <capability standardID="${SIA2_STANDARD_ID}">`,
    '    <interface xsi:type="vs:ParamHTTP" role="std" version="2.0">',
    `      <accessURL use="base">${escapeXml(urls.query)}</accessURL>`,
    '      <queryType>GET</queryType>',
    '      <resultType>application/x-votable+xml</resultType>',
    '    </interface>',
    '  </capability>',
    '</vosi:capabilities>',
    '',
  ].join('\n');
}
