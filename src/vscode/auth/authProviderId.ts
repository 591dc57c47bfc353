/** The authentication provider's id and label: what other extensions ask for, and what the Accounts menu shows. */
export const AUTH_PROVIDER_ID = 'feishu';
export const AUTH_PROVIDER_LABEL = 'Feishu / Lark';
