// The HTTP API of the desk, on this page's own origin; the token lives in sessionStorage.
const TOKEN = 'motcua.token';
const USER = 'motcua.user';
const ACCESS = 'motcua.access'; // Cognito's access token: only to turn TOTP on (never sent to the API)

/** A failure the clerk can act on: the API's code and Vietnamese message, and the fields at fault. */
export class ApiError extends Error {
  constructor(status, code, message, fields = [], body = null) {
    super(message);
    this.status = status; this.code = code; this.fields = fields; this.body = body;
  }
}

let configPromise;
export function config() {
  configPromise ??= fetch('/app/config.json').then(r => r.json());
  return configPromise;
}

export function signedIn() { return sessionStorage.getItem(TOKEN) !== null; }
export function user() { return JSON.parse(sessionStorage.getItem(USER) || 'null'); }
export function signOut() { sessionStorage.removeItem(TOKEN); sessionStorage.removeItem(USER); sessionStorage.removeItem(ACCESS); }

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch { return {}; }
}

function keep(token, access) {
  const c = claims(token);
  sessionStorage.setItem(TOKEN, token);
  if (access) sessionStorage.setItem(ACCESS, access);
  sessionStorage.setItem(USER, JSON.stringify({ name: c.email || c['cognito:username'] || c.sub, groups: c['cognito:groups'] || [] }));
}

const COGNITO_MESSAGES = {
  NotAuthorizedException: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  UserNotFoundException: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  PasswordResetRequiredException: 'Tài khoản cần đặt lại mật khẩu; xin liên hệ quản trị.',
  UserNotConfirmedException: 'Tài khoản chưa được kích hoạt; xin liên hệ quản trị.',
  InvalidPasswordException: 'Mật khẩu mới chưa đủ mạnh: ít nhất 12 ký tự, có chữ hoa, chữ thường và chữ số.',
  TooManyRequestsException: 'Đăng nhập quá nhiều lần; xin chờ một phút rồi thử lại.',
  CodeMismatchException: 'Mã xác thực không đúng; xin nhập mã đang hiện trên ứng dụng.',
  EnableSoftwareTokenMFAException: 'Mã xác thực không đúng; xin nhập mã đang hiện trên ứng dụng.',
  ExpiredCodeException: 'Mã xác thực đã hết hạn; xin nhập mã mới.',
};

async function cognito(cfg, target, body) {
  let response;
  try {
    // AWS's endpoint, or the local run's Cognito (config.json says which; the page's policy allows only it)
    response = await fetch(cfg.cognitoEndpoint || `https://cognito-idp.${cfg.region}.amazonaws.com/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.' + target },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ đăng nhập. Kiểm tra mạng rồi thử lại.');
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    const type = String(json.__type || '').split('#').pop();
    throw new ApiError(response.status, type, COGNITO_MESSAGES[type] || 'Không đăng nhập được (' + (type || response.status) + ').');
  }
  return json;
}

/**
 * Signs in with Cognito USER_PASSWORD_AUTH (in AWS and in the local run alike). Answers {done: true}, or
 * {newPasswordRequired: session} on a first sign-in, to be finished with {@link setNewPassword}, or
 * {totpRequired: session} when the member has TOTP on, to be finished with {@link answerTotp}.
 */
export async function signIn(username, password) {
  const cfg = await config();
  return signedInOrChallenged(await cognito(cfg, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: cfg.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password } }));
}

/** Tokens kept; or the next step Cognito asks for: a new password, or the code of the member's TOTP app. */
function signedInOrChallenged(answer) {
  if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') return { newPasswordRequired: answer.Session };
  if (answer.ChallengeName === 'SOFTWARE_TOKEN_MFA') return { totpRequired: answer.Session };
  if (!answer.AuthenticationResult) throw new ApiError(400, answer.ChallengeName || 'CHALLENGE', 'Tài khoản cần bước xác thực chưa hỗ trợ ở đây (' + answer.ChallengeName + ').');
  keep(answer.AuthenticationResult.IdToken, answer.AuthenticationResult.AccessToken);
  return { done: true };
}

export async function setNewPassword(username, session, newPassword) {
  const cfg = await config();
  return signedInOrChallenged(await cognito(cfg, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: cfg.clientId,
    Session: session, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword } }));
}

/** The second step of a sign-in with TOTP on: the 6-digit code of the member's app. */
export async function answerTotp(username, session, code) {
  const cfg = await config();
  return signedInOrChallenged(await cognito(cfg, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: cfg.clientId,
    Session: session, ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code } }));
}

/** Whether TOTP is on for the signed-in member (null without Cognito's access token: sign in again). */
export async function totpOn() {
  const cfg = await config();
  const access = sessionStorage.getItem(ACCESS);
  if (!access) return null;
  const me = await cognito(cfg, 'GetUser', { AccessToken: access });
  return (me.UserMFASettingList || []).includes('SOFTWARE_TOKEN_MFA');
}

/** Turning TOTP on, step 1: the secret to enter in an authenticator app. */
export async function startTotp() {
  const cfg = await config();
  return (await cognito(cfg, 'AssociateSoftwareToken', { AccessToken: sessionStorage.getItem(ACCESS) })).SecretCode;
}

/** Step 2: the app's first code proves it; TOTP then becomes the member's second factor at every sign-in. */
export async function finishTotp(code) {
  const cfg = await config();
  const access = sessionStorage.getItem(ACCESS);
  await cognito(cfg, 'VerifySoftwareToken', { AccessToken: access, UserCode: code, FriendlyDeviceName: 'Mot Cua' });
  await cognito(cfg, 'SetUserMFAPreference', { AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}

/** Called when the API says the token is no longer good: the app goes to sign in and comes back. */
let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

/** One call to the API. Throws ApiError with words a clerk can act on. */
export async function call(method, path, { body, headers = {}, auth = true } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (auth && !signedIn()) {
    // a screen left behind, still loading after sign-out: nothing to send, and no second trip to the sign-in
    throw new ApiError(401, 'UNAUTHORIZED', 'Chưa đăng nhập.');
  }
  if (auth) h.authorization = 'Bearer ' + sessionStorage.getItem(TOKEN);
  let response;
  try {
    response = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Những gì đã nhập vẫn còn; kiểm tra mạng rồi bấm gửi lại.');
  }
  const json = await response.json().catch(() => null);
  if (response.ok) return json;
  if (auth && response.status === 401) {
    signOut();
    onUnauthorized();
    throw new ApiError(401, 'UNAUTHORIZED', 'Phiên đăng nhập đã hết hạn. Xin đăng nhập lại; những gì đã nhập vẫn được giữ.');
  }
  if (response.status === 403) throw new ApiError(403, 'FORBIDDEN', 'Tài khoản này không có quyền dùng chức năng này.');
  const e = json && json.error;
  if (e) throw new ApiError(response.status, e.code, e.message, e.fields || [], json);
  if (response.status === 429) throw new ApiError(429, 'THROTTLED', 'Máy chủ đang bận; xin chờ vài giây rồi thử lại.');
  throw new ApiError(response.status, 'SERVER_ERROR', 'Máy chủ gặp lỗi (mã ' + response.status + '). Những gì đã nhập vẫn còn; xin thử lại sau ít phút.');
}

/**
 * A file from the API (a CSV report), saved by the browser under the name the server gives
 * (content-disposition). Errors as call() words them.
 */
export async function download(path) {
  if (!signedIn()) throw new ApiError(401, 'UNAUTHORIZED', 'Chưa đăng nhập.');
  let response;
  try {
    response = await fetch(path, { headers: { authorization: 'Bearer ' + sessionStorage.getItem(TOKEN) } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ; xin thử lại.');
  }
  if (!response.ok) {
    const json = await response.json().catch(() => null);
    throw new ApiError(response.status, json?.error?.code || 'SERVER_ERROR', json?.error?.message || 'Máy chủ gặp lỗi (mã ' + response.status + ').');
  }
  const name = (/filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '') || [])[1] || 'bao-cao.csv';
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

/** A PUT of a file to a presigned URL, with progress (fetch has no upload progress). */
export function upload(target, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(target.method || 'PUT', target.url);
    for (const [name, value] of Object.entries(target.headers || {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => xhr.status >= 200 && xhr.status < 300 ? resolve()
      : reject(new ApiError(xhr.status, 'UPLOAD_FAILED', 'Tải lên không thành công (mã ' + xhr.status + '); xin thử lại.'));
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Mất kết nối khi tải lên; xin thử lại.'));
    xhr.send(file);
  });
}

/** A fresh Idempotency-Key. */
export function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
