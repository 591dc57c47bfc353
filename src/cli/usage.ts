export const USAGE = `Usage:
  feishu-upload upload <file...> [--folder <url|token>] [--json] [--verbose]
  feishu-upload upload <file...> --doc <url> [--json] [--verbose]
  feishu-upload upload <file...> --parent-type <type> --parent-node <node> [--extra <json>]
  feishu-upload import <file> [--type docx|sheet|bitable] [--folder <url|token>] [--json] [--verbose]
  feishu-upload emulator [--port <n>] [--latency <ms>] [--bandwidth <bytes/s>] [--json]

Options:
  --folder <url|token>   Drive folder link or token (default: the root folder, "My Space")
  --doc <url>            append the files to a document: a /docx/ link, a /wiki/ link to a document, or
                         a document id (images become image blocks, other files file blocks)
  --type <type>          what import creates (default: docx for .md/.txt/.html/.docx/.doc, sheet for
                         .xlsx/.xls/.csv; bitable for .xlsx or .csv)
  --parent-type <type>   upload as document media (docx_image, docx_file, sheet_image, ...)
  --parent-node <node>   the media's upload point (block id, spreadsheet token, ...)
  --extra <json>         extra for media uploads, e.g. {"drive_route_token":"<document id>"}
  --brand feishu|lark    which service (default: feishu, or FEISHU_BRAND)
  --base-url <url>       Open API base override (default: FEISHU_BASE_URL, else the brand's)
  --json                 one JSON object per file on stdout (import: file, ok, token, url, type, ms)
  --verbose              one line per API call on stderr

Credentials (environment only):
  FEISHU_APP_ID + FEISHU_APP_SECRET   a custom app's credentials (tenant access token)
  FEISHU_ACCESS_TOKEN                 or a user access token

Exit codes: 0 every file done, 1 some file failed, 2 usage or configuration error, 130 interrupted.`;
