import { cliLocale } from './i18n';

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

export const USAGE_ZH_CN = `用法：
  feishu-upload upload <文件...> [--folder <链接|token>] [--json] [--verbose]
  feishu-upload upload <文件...> --doc <链接> [--json] [--verbose]
  feishu-upload upload <文件...> --parent-type <类型> --parent-node <节点> [--extra <json>]
  feishu-upload import <文件> [--type docx|sheet|bitable] [--folder <链接|token>] [--json] [--verbose]
  feishu-upload emulator [--port <n>] [--latency <毫秒>] [--bandwidth <字节/秒>] [--json]

选项：
  --folder <链接|token>  云空间文件夹的链接或 token（默认：根文件夹“我的空间”）
  --doc <链接>           把文件追加到文档末尾：/docx/ 链接、指向文档的 /wiki/ 链接或文档 ID
                         （图片成为图片块，其他文件成为文件块）
  --type <类型>          导入成什么（默认：.md/.txt/.html/.docx/.doc 导入为 docx，.xlsx/.xls/.csv
                         导入为 sheet；.xlsx 或 .csv 也可导入为 bitable）
  --parent-type <类型>   作为文档素材上传（docx_image、docx_file、sheet_image 等）
  --parent-node <节点>   素材的上传点（块 ID、电子表格 token 等）
  --extra <json>         素材上传的 extra，例如 {"drive_route_token":"<文档 ID>"}
  --brand feishu|lark    使用哪个平台（默认：feishu，或 FEISHU_BRAND）
  --base-url <url>       覆盖开放平台 API 地址（默认：FEISHU_BASE_URL，否则按平台）
  --json                 每个文件在 stdout 输出一个 JSON 对象（import：file, ok, token, url, type, ms）
  --verbose              每次 API 调用在 stderr 输出一行

凭证（只从环境变量读取）：
  FEISHU_APP_ID + FEISHU_APP_SECRET   企业自建应用的凭证（tenant access token）
  FEISHU_ACCESS_TOKEN                 或者用户访问凭证

退出码：0 全部完成，1 有文件失败，2 用法或配置错误，130 被中断。`;

/** The usage text in the CLI's language (see cliLocale). */
export function usageText(env: NodeJS.ProcessEnv): string {
  return cliLocale(env) === 'zh-cn' ? USAGE_ZH_CN : USAGE;
}
