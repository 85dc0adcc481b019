// A real OpenID provider for the sign-in tests: the certified `oidc-provider` package with its
// development login and consent pages. Usage: node oidc-provider.mjs <port> <portal base URL>
// Accounts: any login signs in; "alice" is in the group meeting-hosts, others are not.
import Provider from "oidc-provider";

const [port, portal] = [Number(process.argv[2]), process.argv[3]];
const issuer = `http://127.0.0.1:${port}`;
const people = {
  alice: { name: "Alice Example", email: "alice@example.com", groups: ["staff", "meeting-hosts"] },
  bob: { name: "Bob Example", email: "bob@example.com", groups: ["staff"] },
  chiyo: { name: "Chiyo Example", email: "chiyo@example.com", groups: ["staff"], locale: "ja-JP" },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "portal",
      client_secret: "portal-client-secret-0123456789",
      redirect_uris: [`${portal}/auth/callback`],
      post_logout_redirect_uris: [`${portal}/auth/signed-out`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  pkce: { required: () => true },
  scopes: ["openid", "profile", "email", "groups"],
  claims: { openid: ["sub"], profile: ["name", "locale"], email: ["email"], groups: ["groups"] },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, ...(people[id] ?? { name: id, groups: [] }) }),
  }),
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  cookies: { keys: ["a-test-only-cookie-key-0123456789"] },
});
provider.proxy = false;

process.on("SIGTERM", () => process.exit(0));
provider.listen(port, "127.0.0.1", () => console.log(`listening on ${issuer}`));
