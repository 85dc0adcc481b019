//! The OpenID provider, through the `openidconnect` crate: discovery (kept for an hour, and
//! fetched again when a key is missing), the authorization URL with PKCE, state and nonce, the
//! code exchange, ID-token verification (signature, issuer, audience, expiry, nonce) and the
//! userinfo call. The crate speaks HTTP through our own reqwest client (it is written against
//! another reqwest version): `send` adapts one request.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadata, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;
use url::Url;

use super::SsoError;

/// RP-initiated logout's endpoint, which core discovery does not read.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogoutMetadata {
    pub end_session_endpoint: Option<Url>,
}

impl AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// The client as discovery makes it: authorization endpoint known, token and userinfo
/// endpoints if the provider has them.
type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

const KEEP_METADATA: Duration = Duration::from_secs(3600);

pub struct Provider {
    pub issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: Option<ClientSecret>,
    redirect: RedirectUrl,
    scopes: Vec<String>,
    http: reqwest::Client,
    discovered: RwLock<Option<(Arc<Metadata>, Instant)>>,
}

/// What the authorization request was made with, to check the answer against.
pub struct Started {
    pub url: Url,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

impl Provider {
    pub fn new(
        issuer: IssuerUrl,
        client_id: ClientId,
        client_secret: Option<ClientSecret>,
        redirect: RedirectUrl,
        scopes: Vec<String>,
    ) -> Result<Self, reqwest::Error> {
        crate::hms::tls::ensure_provider();
        let http = reqwest::Client::builder()
            // Never follow a redirect with credentials in it (the crate's own advice).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            issuer,
            client_id,
            client_secret,
            redirect,
            scopes,
            http,
            discovered: RwLock::new(None),
        })
    }

    /// The discovery document, from memory for an hour (or fetched now when `fresh`).
    async fn metadata(&self, fresh: bool) -> Result<Arc<Metadata>, SsoError> {
        if !fresh
            && let Some((metadata, at)) = self.discovered.read().await.as_ref()
            && at.elapsed() < KEEP_METADATA
        {
            return Ok(metadata.clone());
        }
        let http = |request| send(&self.http, request);
        let metadata = Metadata::discover_async(self.issuer.clone(), &http)
            .await
            .map_err(|e| match e {
                // E.g. the document names another issuer than configured.
                openidconnect::DiscoveryError::Validation(problem) => {
                    SsoError::Invalid(format!("discovery: {problem}"))
                }
                other => SsoError::ProviderUnavailable(format!("discovery: {other}")),
            })?;
        let metadata = Arc::new(metadata);
        *self.discovered.write().await = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    fn client(&self, metadata: &Metadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata.clone(),
            self.client_id.clone(),
            self.client_secret.clone(),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// Where to send the browser to sign in.
    pub async fn start(&self) -> Result<Started, SsoError> {
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in self.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Started {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code, verifies the ID token against `nonce`, and answers the person's
    /// claims (the ID token's, then the userinfo endpoint's) with their subject.
    pub async fn finish(
        &self,
        code: String,
        verifier: String,
        nonce: String,
    ) -> Result<BTreeMap<String, serde_json::Value>, SsoError> {
        let metadata = self.metadata(false).await?;
        let client = self.client(&metadata);
        let http = |request| send(&self.http, request);
        let exchange = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| SsoError::ProviderUnavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier));
        let tokens = exchange.request_async(&http).await.map_err(|e| match e {
            openidconnect::RequestTokenError::ServerResponse(answer) => {
                SsoError::Refused(format!("the provider refused the code: {}", answer.error()))
            }
            other => SsoError::ProviderUnavailable(other.to_string()),
        })?;
        let id_token = tokens
            .extra_fields()
            .id_token()
            .ok_or_else(|| SsoError::Invalid("the provider sent no ID token".into()))?;
        let nonce = Nonce::new(nonce);
        let verified = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => claims.subject().to_string(),
            // A key the cached document lacks: the provider may have rotated its keys.
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(_)) => {
                let metadata = self.metadata(true).await?;
                let client = self.client(&metadata);
                id_token
                    .claims(&client.id_token_verifier(), &nonce)
                    .map_err(|e| SsoError::Invalid(e.to_string()))?
                    .subject()
                    .to_string()
            }
            Err(error) => return Err(SsoError::Invalid(error.to_string())),
        };
        // The token is verified: its claims (all of them, not only the standard ones) are
        // read from its payload.
        let mut claims = payload_of(&id_token.to_string())
            .ok_or_else(|| SsoError::Invalid("unreadable ID token".into()))?;
        if let Some(endpoint) = metadata.userinfo_endpoint() {
            let userinfo = self
                .userinfo(endpoint.url(), tokens.access_token().secret())
                .await?;
            if userinfo.get("sub").and_then(|s| s.as_str()) != Some(verified.as_str()) {
                return Err(SsoError::Invalid(
                    "the userinfo answer is for someone else".into(),
                ));
            }
            claims.extend(userinfo);
        }
        claims.insert("sub".into(), serde_json::Value::String(verified));
        Ok(claims)
    }

    async fn userinfo(
        &self,
        endpoint: &Url,
        access_token: &str,
    ) -> Result<BTreeMap<String, serde_json::Value>, SsoError> {
        let response = self
            .http
            .get(endpoint.clone())
            .bearer_auth(access_token)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| SsoError::ProviderUnavailable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(SsoError::ProviderUnavailable(format!(
                "userinfo answered {}",
                response.status()
            )));
        }
        response
            .json()
            .await
            .map_err(|e| SsoError::Invalid(format!("userinfo: {e}")))
    }

    /// Fetches the discovery document now (for `check-config`).
    pub async fn discover(&self) -> Result<(), SsoError> {
        self.metadata(true).await.map(drop)
    }

    /// The provider's sign-out page, when it has one.
    pub async fn end_session(&self) -> Option<Url> {
        let metadata = self.metadata(false).await.ok()?;
        metadata.additional_metadata().end_session_endpoint.clone()
    }

    pub fn client_id(&self) -> &str {
        self.client_id.as_str()
    }
}

fn payload_of(jwt: &str) -> Option<BTreeMap<String, serde_json::Value>> {
    let payload = jwt.split('.').nth(1)?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()
}

/// One request of the `openidconnect` crate, sent with our reqwest client.
async fn send(
    client: &reqwest::Client,
    request: openidconnect::HttpRequest,
) -> Result<openidconnect::HttpResponse, reqwest::Error> {
    let (parts, body) = request.into_parts();
    let response = client
        .request(parts.method, parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await?;
    let mut answer = openidconnect::http::Response::builder().status(response.status());
    if let Some(headers) = answer.headers_mut() {
        *headers = response.headers().clone();
    }
    let body = response.bytes().await?.to_vec();
    Ok(answer
        .body(body)
        .unwrap_or_else(|_| openidconnect::http::Response::new(Vec::new())))
}
