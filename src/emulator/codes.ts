// The Feishu codes the emulator can send, with the HTTP status and msg the docs list for each
// (docs/feishu/auth.md §3 and §13, upload.md §12, drive.md §3-§10, docx.md §15, import.md §8, limits.md §2). Injected `code`
// faults reuse this table for their defaults.

export interface CodeInfo {
  status: number;
  msg: string;
}

const CODES: Record<number, CodeInfo> = {
  0: { status: 200, msg: 'success' },
  // Token endpoints.
  10003: { status: 400, msg: 'invalid param' },
  10014: { status: 400, msg: 'app not found / unauthorized' },
  10015: { status: 400, msg: 'app secret invalid' },
  // The v2 token endpoint (authen/v2/oauth/token, auth.md §9): HTTP 400 unless noted. Its bodies are flat
  // ({code, error, error_description}); oauthRoutes.ts writes them.
  ...Object.fromEntries(
    [20001, 20002, 20003, 20004, 20008, 20009, 20010, 20024, 20026, 20036, 20037, 20048, 20049, 20063, 20064, 20065, 20066, 20067, 20068, 20069, 20070, 20071, 20073, 20074].map(
      (code) => [code, { status: 400, msg: 'oauth error' }],
    ),
  ),
  20050: { status: 500, msg: 'server error' },
  20072: { status: 503, msg: 'service temporarily unavailable' },
  // Gateway auth / limits.
  99991400: { status: 429, msg: 'request trigger frequency limit' },
  99991661: { status: 400, msg: 'Missing access token for authorization. Please make a request with token attached.' },
  99991663: { status: 400, msg: 'Invalid access token for authorization. Please make a request with token attached.' },
  99991668: { status: 400, msg: 'Invalid access token for authorization. Please make a request with token attached.' },
  99991677: { status: 400, msg: 'token expire' },
  99991679: { status: 400, msg: 'Unauthorized. You do not have permission to perform the requested operation on the resource. Please request user re-authorization and try again.' },
  99992402: { status: 400, msg: 'field validation failed' },
  // Drive upload endpoints.
  1061001: { status: 200, msg: 'internal error.' },
  1061002: { status: 400, msg: 'params error.' },
  1061003: { status: 404, msg: 'not found.' },
  1061004: { status: 403, msg: 'forbidden.' },
  1061005: { status: 401, msg: 'auth failed.' },
  1061006: { status: 200, msg: 'internal time out.' },
  1061007: { status: 404, msg: 'file has been delete.' },
  1061008: { status: 400, msg: 'invalid file name.' },
  1061021: { status: 400, msg: 'upload id expire.' },
  1061022: { status: 500, msg: 'file version conflict.' },
  1061041: { status: 400, msg: 'parent node has been deleted.' },
  1061042: { status: 400, msg: 'parent node out of limit.' },
  1061043: { status: 400, msg: 'file size beyond limit.' },
  1061044: { status: 400, msg: 'parent node not exist.' },
  1061045: { status: 200, msg: 'can retry.' },
  1061061: { status: 400, msg: 'user quota exceeded.' },
  1061073: { status: 403, msg: 'no scope auth.' },
  1061101: { status: 400, msg: 'file quota exceeded.' },
  1061109: { status: 400, msg: 'file name cqc not passed.' },
  1061113: { status: 400, msg: 'file cqc not passed.' },
  1061500: { status: 403, msg: 'mount node point kill.' },
  1061547: { status: 400, msg: 'attachment parent-child relation number exceed.' },
  1062004: { status: 202, msg: 'cover generating.' },
  1062005: { status: 202, msg: 'file type not support cover.' },
  1062006: { status: 202, msg: 'cover no exist.' },
  1062007: { status: 400, msg: 'upload user not match.' },
  1062008: { status: 400, msg: 'checksum param Invalid.' },
  1062009: { status: 400, msg: 'the actual size is inconsistent with the parameter declaration size.' },
  1062010: { status: 400, msg: 'block missing, please upload all blocks.' },
  1062011: { status: 400, msg: 'block num out of bounds.' },
  1062012: { status: 400, msg: 'file copying.' },
  1062013: { status: 400, msg: 'file damaged.' },
  1062014: { status: 403, msg: 'dedupe no support.' },
  1062051: { status: 400, msg: 'client connect close.' },
  1062505: { status: 400, msg: 'parent node out of size.' },
  1062506: { status: 400, msg: 'parent node out of depth.' },
  1062507: { status: 400, msg: 'parent node out of sibling num.' },
  1064230: { status: 200, msg: 'locked for data migration' },
  // Drive listing (docs/feishu/drive.md §3.3).
  1064001: { status: 400, msg: 'invalid page size' },
  // Permissions (drive.md §10; the 9101x statuses are UNCONFIRMED).
  1063001: { status: 400, msg: 'Invalid parameter' },
  1063002: { status: 403, msg: 'Permission denied' },
  1063003: { status: 400, msg: 'Invalid operation' },
  1063004: { status: 403, msg: 'User has no share permission' },
  1063005: { status: 404, msg: 'Resource is deleted' },
  1063006: { status: 429, msg: 'Too many request' },
  91009: { status: 400, msg: 'external sharing is forbidden by tenant policy' },
  91010: { status: 400, msg: 'external access is closed' },
  // Docx blocks.
  1770001: { status: 400, msg: 'invalid param' },
  1770002: { status: 404, msg: 'not found' },
  1770003: { status: 400, msg: 'resource deleted' },
  1770006: { status: 400, msg: 'schema mismatch' },
  1770010: { status: 400, msg: 'too many table column' },
  1770011: { status: 400, msg: 'too many table cell' },
  1770013: { status: 400, msg: 'relation mismatch' },
  1770014: { status: 400, msg: 'parent children relation mismatch' },
  1770019: { status: 400, msg: 'repeated blockID in document' },
  1770022: { status: 400, msg: 'invalid page token' },
  1770025: { status: 400, msg: 'operation and block not match' },
  1770032: { status: 403, msg: 'forbidden' },
  // Wiki (HTTP statuses not documented; 400 as for other validation errors).
  131002: { status: 400, msg: 'param err' },
  131005: { status: 400, msg: 'not found' },
  131006: { status: 400, msg: 'permission denied' },
  // Import tasks.
  1069901: { status: 500, msg: 'internal error' },
  1069902: { status: 403, msg: 'no permission' },
  1069904: { status: 400, msg: 'invalid param' },
  1069907: { status: 404, msg: 'file token not found' },
  1069908: { status: 403, msg: 'mount point not found or no permission' },
  1069909: { status: 400, msg: 'import file size over limit' },
  1069910: { status: 400, msg: 'import file extension not match' },
  1069911: { status: 400, msg: 'import file type not match' },
  1069912: { status: 400, msg: 'folder not exist' },
  1069913: { status: 400, msg: 'import file token expired' },
  1069914: { status: 400, msg: 'invalid file token' },
  1069923: { status: 429, msg: 'too many requests' },
};

/** Unknown codes default to HTTP 200 with a generic msg, the common case for Feishu business errors. */
export function codeInfo(code: number): CodeInfo {
  return CODES[code] ?? { status: 200, msg: 'error' };
}
