import { REQUESTED_SCOPES } from '../core';
import { cliLocale } from './i18n';

const REQUESTED = REQUESTED_SCOPES.join(', ');

/** The commands the CLI knows; each has a help page in both languages. */
export const CLI_COMMANDS = ['upload', 'ls', 'mkdir', 'import', 'publish', 'login', 'logout', 'whoami', 'emulator'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

export function isCliCommand(name: string): name is CliCommand {
  return (CLI_COMMANDS as readonly string[]).includes(name);
}

interface Page {
  en: string;
  zh: string;
}

const COMMON_EN = `  --brand feishu|lark    which service (default: feishu, or FEISHU_BRAND)
  --base-url <url>       Open API base override (default: FEISHU_BASE_URL, else the brand's); https, or http
                         on 127.0.0.1/localhost only
  --verbose              one line per API call on stderr (never a token)
  -h, --help             this help`;

const COMMON_ZH = `  --brand feishu|lark    使用哪个平台（默认：feishu，或 FEISHU_BRAND）
  --base-url <url>       覆盖开放平台 API 地址（默认：FEISHU_BASE_URL，否则按平台）；只能是 https，
                         或 127.0.0.1/localhost 上的 http
  --verbose              每次 API 调用在 stderr 输出一行（从不包含 token）
  -h, --help             显示本帮助`;

const CREDENTIALS_EN = `Credentials (environment only, never arguments):
  FEISHU_APP_ID + FEISHU_APP_SECRET   a custom app's credentials: the app itself (tenant access token), and
                                      the app you sign in with ("feishu-upload login")
  FEISHU_ACCESS_TOKEN                 or a user access token (not renewed: it ends after about 2 hours)
Who acts: you when signed in, else the app; --as user|app chooses.`;

const CREDENTIALS_ZH = `凭证（只从环境变量读取，从不从参数读取）：
  FEISHU_APP_ID + FEISHU_APP_SECRET   企业自建应用的凭证：既是应用本身（tenant access token），
                                      也是登录所用的应用（"feishu-upload login"）
  FEISHU_ACCESS_TOKEN                 或者用户访问凭证（不会续期，约 2 小时后失效）
以谁的身份操作：已登录时为你本人，否则为应用；可用 --as user|app 指定。`;

const AS_EN = `  --as user|app          act as the signed-in user or as the app (default: the user when signed in)`;
const AS_ZH = `  --as user|app          以已登录用户或应用的身份操作（默认：已登录时为用户）`;

const OVERVIEW: Page = {
  en: `Usage: feishu-upload <command> [options]

Puts local files into Feishu / Lark: a Drive folder, a document, or an imported Feishu doc.

Commands:
  upload <file...>     upload files (and folders, with their trees) to a Drive folder, into a document
                       (--doc), or as document media
  ls [<folder>]        list a Drive folder (default: My Space)
  mkdir <name>         make a Drive folder (or reuse the one of that name)
  import <file>        import a file as a Feishu doc, sheet or Base
  publish <file.md>    publish a Markdown file as a Feishu document, local images included; again: update it
  login                sign in with Feishu, so uploads act as you (renewed by itself)
  logout               forget the sign-in
  whoami               who uploads act as
  emulator             run the local Feishu emulator (for trying things out without an account)
  help [<command>]     show help for a command

Options:
  -h, --help           help (after a command: that command's help)
  -v, --version        print the version

${CREDENTIALS_EN}

Exit codes: 0 every file done, 1 some file failed, 2 usage or configuration error, 130 interrupted.
Run "feishu-upload <command> --help" for a command's options.`,
  zh: `用法：feishu-upload <命令> [选项]

把本地文件放进飞书 / Lark：云空间文件夹、文档，或导入为飞书文档。

命令：
  upload <文件...>     上传文件（以及文件夹，连同其目录结构）到云空间文件夹、文档中（--doc），
                       或作为文档素材
  ls [<文件夹>]        列出云空间文件夹的内容（默认：我的空间）
  mkdir <名称>         新建云空间文件夹（已有同名文件夹时沿用它）
  import <文件>        把文件导入为飞书文档、电子表格或多维表格
  publish <文件.md>    把 Markdown 文件发布为飞书文档（含本地图片）；再次发布则更新该文档
  login                登录飞书，之后以你本人的身份上传（自动续期）
  logout               忘记登录
  whoami               查看上传以谁的身份进行
  emulator             运行本地飞书模拟器（无需账号即可试用）
  help [<命令>]        显示某个命令的帮助

选项：
  -h, --help           帮助（放在命令后：该命令的帮助）
  -v, --version        显示版本号

${CREDENTIALS_ZH}

退出码：0 全部完成，1 有文件失败，2 用法或配置错误，130 被中断。
运行 "feishu-upload <命令> --help" 查看该命令的选项。`,
};

const PAGES: Record<CliCommand, Page> = {
  upload: {
    en: `Usage:
  feishu-upload upload <file|dir...> [--folder <url|token>] [--on-conflict keep-both|skip]
                       [--link-sharing <who>] [--json] [--verbose]
  feishu-upload upload <file...> --doc <url|id> [--json] [--verbose]
  feishu-upload upload <file...> --parent-type <type> --parent-node <node> [--extra <json>]

Uploads each file in turn: up to 20 MiB in one request, larger files in 4 MiB parts, paced to Feishu's limits.
A directory is uploaded like "cp -r dir dest/": a folder of its name is made in the target (or the one of that
name reused), with its sub-folders, and every file goes into its own folder. Left out inside directories:
.git, node_modules, empty files, symlinked folders.
A larger file's upload that was interrupted (Ctrl-C, a crash, a lost network) continues where it stopped when
the same command runs again within 24 hours: only the missing parts are sent.

Options:
  --folder <url|token>   Drive folder link or token (default: the root folder, "My Space")
  --on-conflict <what>   a file whose name is already in its folder: keep-both (default; Feishu allows two
                         files of one name) or skip (listed as skipped; the name alone decides)
  --link-sharing <who>   after each upload, who may open the file by its link: off (default),
                         tenant_readable, tenant_editable or anyone_readable
  --doc <url|id>         append the files to a document: a /docx/ link, a /wiki/ link to a document, or a
                         document id (images become image blocks, other files file blocks)
  --parent-type <type>   upload as document media (docx_image, docx_file, sheet_image, ...)
  --parent-node <node>   the media's upload point (block id, spreadsheet token, ...)
  --extra <json>         extra for media uploads, e.g. {"drive_route_token":"<document id>"}
  --no-resume            start an interrupted upload over instead of continuing it
  --json                 one JSON object per file on stdout: file, ok, fileToken, url, folder, bytes, parts,
                         method, ms, resumedFromPart (0 when nothing was continued); a skipped file: file, ok,
                         skipped, fileToken, folder
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}

Examples:
  feishu-upload upload report.pdf --folder https://example.feishu.cn/drive/folder/<token>
  feishu-upload upload ./site --folder <token> --on-conflict skip     # again later: only new files are sent
  feishu-upload upload chart.png --doc https://example.feishu.cn/docx/<id>`,
    zh: `用法：
  feishu-upload upload <文件|目录...> [--folder <链接|token>] [--on-conflict keep-both|skip]
                       [--link-sharing <范围>] [--json] [--verbose]
  feishu-upload upload <文件...> --doc <链接|ID> [--json] [--verbose]
  feishu-upload upload <文件...> --parent-type <类型> --parent-node <节点> [--extra <json>]

逐个上传文件：20 MiB 以内一次请求，更大的文件按 4 MiB 分片，速度遵守飞书的限制。
目录的上传方式同 "cp -r 目录 目标/"：在目标中新建同名文件夹（已有同名文件夹时沿用它）并重建其子文件夹，
每个文件进入各自的文件夹。目录中不上传：.git、node_modules、空文件、符号链接的文件夹。
较大文件的上传如果被中断（Ctrl-C、崩溃、断网），24 小时内再次运行同一命令会从中断处继续：只发送缺少的分片。

选项：
  --folder <链接|token>  云空间文件夹的链接或 token（默认：根文件夹“我的空间”）
  --on-conflict <做法>   文件夹中已有同名文件时：keep-both（默认；飞书允许同名文件并存）或 skip
                         （跳过并列为已跳过；只按名称判断）
  --link-sharing <范围>  每次上传后设置谁可以通过链接打开文件：off（默认）、tenant_readable、
                         tenant_editable 或 anyone_readable
  --doc <链接|ID>        把文件追加到文档末尾：/docx/ 链接、指向文档的 /wiki/ 链接或文档 ID
                         （图片成为图片块，其他文件成为文件块）
  --parent-type <类型>   作为文档素材上传（docx_image、docx_file、sheet_image 等）
  --parent-node <节点>   素材的上传点（块 ID、电子表格 token 等）
  --extra <json>         素材上传的 extra，例如 {"drive_route_token":"<文档 ID>"}
  --no-resume            不继续被中断的上传，而是从头开始
  --json                 每个文件在 stdout 输出一个 JSON 对象：file, ok, fileToken, url, folder, bytes, parts,
                         method, ms, resumedFromPart（没有继续之前的上传时为 0）；跳过的文件：file, ok, skipped,
                         fileToken, folder
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}

示例：
  feishu-upload upload report.pdf --folder https://example.feishu.cn/drive/folder/<token>
  feishu-upload upload ./site --folder <token> --on-conflict skip     # 之后再次上传：只发送新文件
  feishu-upload upload chart.png --doc https://example.feishu.cn/docx/<id>`,
  },
  ls: {
    en: `Usage:
  feishu-upload ls [<folder url|token>] [--as user|app] [--json] [--verbose]

Lists a Drive folder, one item per line: type, token, name (folders end in "/"). Without a folder: My Space
(the signed-in user's; the app's own space when acting as the app). Every page is read (Feishu sends up to 200 items per call).

Options:
  --json                 one JSON object per item on stdout: token, name, type, url
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}

Examples:
  feishu-upload ls
  feishu-upload ls https://example.feishu.cn/drive/folder/<token> --json`,
    zh: `用法：
  feishu-upload ls [<文件夹链接|token>] [--as user|app] [--json] [--verbose]

列出云空间文件夹的内容，每行一项：类型、token、名称（文件夹以 "/" 结尾）。不指定文件夹时为“我的空间”
（已登录用户的；以应用身份操作时是应用自己的空间）。会读取所有分页（飞书每次最多返回 200 项）。

选项：
  --json                 每一项在 stdout 输出一个 JSON 对象：token, name, type, url
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}

示例：
  feishu-upload ls
  feishu-upload ls https://example.feishu.cn/drive/folder/<token> --json`,
  },
  mkdir: {
    en: `Usage:
  feishu-upload mkdir <name> [--folder <url|token>] [--as user|app] [--json] [--verbose]

Makes a Drive folder in the given folder (default: My Space) and prints its link. A folder of that name already
there is reused, not made twice; "a/b/c" makes each level that is missing (like "mkdir -p"). Names are 1 to
256 bytes.

Options:
  --folder <url|token>   the folder to make it in (default: the root folder, "My Space")
  --json                 one JSON object on stdout: token, name, url, folder (where it is), created
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}

Examples:
  feishu-upload mkdir Reports
  feishu-upload mkdir "2026/Q1" --folder https://example.feishu.cn/drive/folder/<token> --json`,
    zh: `用法：
  feishu-upload mkdir <名称> [--folder <链接|token>] [--as user|app] [--json] [--verbose]

在指定文件夹（默认：我的空间）中新建云空间文件夹并输出它的链接。已有同名文件夹时沿用它，不会重复新建；
"a/b/c" 会逐级新建缺少的文件夹（同 "mkdir -p"）。名称长度为 1 到 256 字节。

选项：
  --folder <链接|token>  在哪个文件夹中新建（默认：根文件夹“我的空间”）
  --json                 在 stdout 输出一个 JSON 对象：token, name, url, folder（所在文件夹）, created
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}

示例：
  feishu-upload mkdir Reports
  feishu-upload mkdir "2026/Q1" --folder https://example.feishu.cn/drive/folder/<token> --json`,
  },
  import: {
    en: `Usage:
  feishu-upload import <file> [--type docx|sheet|bitable] [--folder <url|token>] [--json] [--verbose]

Uploads the file and lets Feishu convert it; waits until the new document exists and prints its link.

Options:
  --type <type>          what to create (default: docx for .md/.markdown/.mark/.txt/.html/.docx/.doc, sheet for
                         .xlsx/.xls/.csv; bitable for .xlsx or .csv)
  --folder <url|token>   Drive folder for the new document (default: the root folder, "My Space")
  --json                 one JSON object on stdout: file, ok, token, url, type, ms
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}

Example:
  feishu-upload import notes.md --folder https://example.feishu.cn/drive/folder/<token>`,
    zh: `用法：
  feishu-upload import <文件> [--type docx|sheet|bitable] [--folder <链接|token>] [--json] [--verbose]

上传文件并由飞书转换；等到新文档生成后输出它的链接。

选项：
  --type <类型>          导入成什么（默认：.md/.markdown/.mark/.txt/.html/.docx/.doc 导入为 docx，
                         .xlsx/.xls/.csv 导入为 sheet；.xlsx 或 .csv 也可导入为 bitable）
  --folder <链接|token>  新文档所在的云空间文件夹（默认：“我的空间”，已登录时为你自己的）
  --json                 在 stdout 输出一个 JSON 对象：file, ok, token, url, type, ms
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}

示例：
  feishu-upload import notes.md --folder https://example.feishu.cn/drive/folder/<token>`,
  },
  publish: {
    en: `Usage:
  feishu-upload publish <file.md> [--folder <url|token>] [--as user|app] [--json] [--verbose]
  feishu-upload publish <file.md> --doc <url|id> [--as user|app] [--json] [--verbose]
  feishu-upload publish <file.md> --new [--folder <url|token>] [--as user|app] [--json] [--verbose]

Publishes a Markdown file as a Feishu document: headings, paragraphs with bold, italic, strikethrough, inline
code and links, bullet, numbered and task lists (nested), code blocks with their language, quotes, dividers,
tables, and images. Local images (relative to the file) are uploaded into the document; web images stay links;
a missing image is a warning. The title is the front matter's "title", else the first heading 1, else the
file name.

Publishing the same file again (as the same app or signed-in user, on this machine) replaces the content of
the document it went to; the link stays the same. The new content goes in before the old is removed. With
--as app while you are signed in, you get full access to the new document the app makes.

The link printed is Feishu's own (your tenant's domain); www.feishu.cn only when Feishu gives none.

Options:
  --folder <url|token>   Drive folder for a new document (default: My Space, yours when signed in)
  --doc <url|id>         replace the content of this document instead (a /docx/ link, a /wiki/ link to a
                         document, or a document id); the file is then linked to it
  --new                  a new document even if this file was published before
  --json                 one JSON object on stdout: file, ok, documentId, url, blocks, images, warnings, updated
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}

Where this machine remembers which file went to which document: FEISHU_UPLOAD_STATE_DIR, else
$XDG_STATE_HOME/feishu-upload (~/.local/state/feishu-upload), ~/Library/Application Support/feishu-upload on
macOS, %LOCALAPPDATA%\\feishu-upload on Windows.

Examples:
  feishu-upload publish README.md --folder https://example.feishu.cn/drive/folder/<token>
  feishu-upload publish README.md            # again: updates the same document`,
    zh: `用法：
  feishu-upload publish <文件.md> [--folder <链接|token>] [--as user|app] [--json] [--verbose]
  feishu-upload publish <文件.md> --doc <链接|ID> [--as user|app] [--json] [--verbose]
  feishu-upload publish <文件.md> --new [--folder <链接|token>] [--as user|app] [--json] [--verbose]

把 Markdown 文件发布为飞书文档：标题、带粗体/斜体/删除线/行内代码/链接的段落、无序/有序/任务列表（可嵌套）、
带语言的代码块、引用、分割线、表格和图片。本地图片（相对于该文件）会上传到文档中；网络图片保留为链接；
找不到的图片会给出警告。文档标题取 front matter 的 "title"，否则取第一个一级标题，否则取文件名。

再次发布同一个文件（同一个应用或已登录用户、在本机上）会替换它上次发布到的文档的内容，链接不变。
新内容写入完成后才会删除旧内容。已登录时使用 --as app，应用新建的文档会为你开通完全访问权限。

输出的链接是飞书自己的链接（你企业的域名）；只有飞书未给出链接时才使用 www.feishu.cn。

选项：
  --folder <链接|token>  新文档所在的云空间文件夹（默认：“我的空间”，已登录时为你自己的）
  --doc <链接|ID>        改为替换这个文档的内容（/docx/ 链接、指向文档的 /wiki/ 链接或文档 ID），
                         此后该文件就关联到这个文档
  --new                  即使该文件发布过，也新建一个文档
  --json                 在 stdout 输出一个 JSON 对象：file, ok, documentId, url, blocks, images, warnings, updated
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}

本机记录“哪个文件发布到了哪个文档”的位置：FEISHU_UPLOAD_STATE_DIR，否则为
$XDG_STATE_HOME/feishu-upload（~/.local/state/feishu-upload），macOS 上为 ~/Library/Application Support/feishu-upload，
Windows 上为 %LOCALAPPDATA%\\feishu-upload。

示例：
  feishu-upload publish README.md --folder https://example.feishu.cn/drive/folder/<token>
  feishu-upload publish README.md            # 再次运行：更新同一个文档`,
  },
  login: {
    en: `Usage:
  feishu-upload login [--device] [--port <n>] [--json] [--verbose]

Signs you in with Feishu, using your app (FEISHU_APP_ID / FEISHU_APP_SECRET) as the OAuth client, so uploads act
as you and land in your own My Space. The sign-in renews itself; it ends after 7 days unused (or when you log out).
It is kept in the OS keychain, or where there is none (headless Linux, CI) in a file only you can read:
$XDG_CONFIG_HOME/feishu-upload/ (FEISHU_UPLOAD_CONFIG_DIR overrides; FEISHU_UPLOAD_KEYCHAIN=0 skips the keychain).

Options:
  --device               sign in with a code you approve on any device (also used where no browser opens here)
  --port <n>             the browser sign-in's port on 127.0.0.1 (default 47123); register
                         http://127.0.0.1:<n>/callback as a redirect URL in the app's security settings
  --json                 JSON lines on stdout: with --device first {verificationUri, verificationUriComplete,
                         userCode, expiresIn}, then {ok: true, name, openId}
${COMMON_EN}

Scopes asked for: ${REQUESTED}.

Examples:
  feishu-upload login
  feishu-upload login --device`,
    zh: `用法：
  feishu-upload login [--device] [--port <n>] [--json] [--verbose]

用你的应用（FEISHU_APP_ID / FEISHU_APP_SECRET）作为 OAuth 客户端登录飞书，之后以你本人的身份上传，文件进入你自己的
“我的空间”。登录会自动续期；7 天不用（或退出登录）后失效。登录保存在系统钥匙串中；没有钥匙串时（无图形界面的 Linux、CI）
保存在只有你能读取的文件中：$XDG_CONFIG_HOME/feishu-upload/（可用 FEISHU_UPLOAD_CONFIG_DIR 覆盖；
FEISHU_UPLOAD_KEYCHAIN=0 表示不使用钥匙串）。

选项：
  --device               用验证码登录，可在任意设备上授权（本机无法打开浏览器时也会使用）
  --port <n>             浏览器登录在 127.0.0.1 上使用的端口（默认 47123）；请在应用的安全设置中把
                         http://127.0.0.1:<n>/callback 加为重定向 URL
  --json                 在 stdout 输出 JSON 行：使用 --device 时先输出 {verificationUri, verificationUriComplete,
                         userCode, expiresIn}，然后输出 {ok: true, name, openId}
${COMMON_ZH}

请求的权限：${REQUESTED}。

示例：
  feishu-upload login
  feishu-upload login --device`,
  },
  logout: {
    en: `Usage:
  feishu-upload logout [--json]

Forgets the sign-in of the app FEISHU_APP_ID names (from the keychain or the file). Uploads then act as the app.

Options:
  --json                 one JSON object on stdout: {ok, signedOut, name?, openId?}
  -h, --help             this help`,
    zh: `用法：
  feishu-upload logout [--json]

忘记 FEISHU_APP_ID 所指应用的登录（从钥匙串或文件中删除）。之后以应用身份上传。

选项：
  --json                 在 stdout 输出一个 JSON 对象：{ok, signedOut, name?, openId?}
  -h, --help             显示本帮助`,
  },
  whoami: {
    en: `Usage:
  feishu-upload whoami [--as user|app] [--json]

Says who uploads act as, checked with Feishu (a due sign-in is renewed first).

Options:
  --json                 one JSON object on stdout: {identity: "user"|"app", name, openId?, appId}
${AS_EN}
${COMMON_EN}

${CREDENTIALS_EN}`,
    zh: `用法：
  feishu-upload whoami [--as user|app] [--json]

显示上传以谁的身份进行，并向飞书核实（需要续期的登录会先续期）。

选项：
  --json                 在 stdout 输出一个 JSON 对象：{identity: "user"|"app", name, openId?, appId}
${AS_ZH}
${COMMON_ZH}

${CREDENTIALS_ZH}`,
  },
  emulator: {
    en: `Usage:
  feishu-upload emulator [--port <n>] [--latency <ms>] [--bandwidth <bytes/s>] [--no-keep-bytes] [--json]

Runs a local stand-in for Feishu on 127.0.0.1 until interrupted, and prints the environment to use it:
FEISHU_BASE_URL, FEISHU_APP_ID and FEISHU_APP_SECRET (fixed test values, not secrets).

Options:
  --port <n>             port to listen on (default: any free port)
  --latency <ms>         added to every answer
  --bandwidth <bytes/s>  caps the upload speed
  --no-keep-bytes        do not keep uploaded bytes (for large benchmarks)
  --json                 print {url, appId, appSecret, rootFolderToken} as one JSON line
  -h, --help             this help`,
    zh: `用法：
  feishu-upload emulator [--port <n>] [--latency <毫秒>] [--bandwidth <字节/秒>] [--no-keep-bytes] [--json]

在 127.0.0.1 上运行一个本地的飞书替身，直到被中断，并输出使用它所需的环境变量：
FEISHU_BASE_URL、FEISHU_APP_ID 和 FEISHU_APP_SECRET（固定的测试值，不是机密）。

选项：
  --port <n>             监听的端口（默认：任意空闲端口）
  --latency <毫秒>       每个应答额外的延迟
  --bandwidth <字节/秒>  限制上传速度
  --no-keep-bytes        不保留上传的字节（用于大文件基准测试）
  --json                 以一行 JSON 输出 {url, appId, appSecret, rootFolderToken}
  -h, --help             显示本帮助`,
  },
};

/** The overview (no command) or a command's help page, in the CLI's language (see cliLocale). */
export function helpText(env: NodeJS.ProcessEnv, command?: CliCommand): string {
  const page = command === undefined ? OVERVIEW : PAGES[command];
  return cliLocale(env) === 'zh-cn' ? page.zh : page.en;
}

/** True when the arguments ask for help: -h or --help anywhere before a "--". */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}
