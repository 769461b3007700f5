-- What the sign-in stores need beyond 0001 (docs/persistence.md): users' public ids, a key id
-- per sealed token, and the sign-ins in progress. Applied once by `hyperpage migrate`.

-- The opaque id the application hands out (sessions, token bindings, GraphQL `viewer.id`):
-- random (the server writes base64url of 128 random bits), never the sequential primary key.
-- Rows inserted without one (existing rows, an operator seeding users) get a random UUID's hex.
ALTER TABLE users ADD COLUMN public_id text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '');
ALTER TABLE users ADD CONSTRAINT users_public_id_key UNIQUE (public_id);

-- A refresh may return no new refresh token, so the stored one can stay under an older key
-- than the access token: each sealed token names its own key. `key_id` keeps naming the
-- access token's key.
ALTER TABLE tool_connections ADD COLUMN refresh_token_key_id text;
UPDATE tool_connections SET refresh_token_key_id = key_id WHERE refresh_token_ciphertext IS NOT NULL;
ALTER TABLE tool_connections ADD CONSTRAINT tool_connections_refresh_key
    CHECK ((refresh_token_ciphertext IS NULL) = (refresh_token_key_id IS NULL));
CREATE INDEX tool_connections_refresh_key_id_idx ON tool_connections (refresh_token_key_id)
    WHERE refresh_token_key_id IS NOT NULL;

-- Sign-ins between /auth/{provider}/login and the callback (ten minutes). Keyed by the SHA-256
-- of the `state` (the state itself is never stored); `browser_hash` is the SHA-256 of the
-- `hp_oauth` cookie nonce. A callback takes its row with DELETE … RETURNING, so a state is used
-- once even when two pods receive the same callback.
CREATE TABLE oauth_states (
    state_hash      bytea PRIMARY KEY CHECK (octet_length(state_hash) = 32),
    browser_hash    bytea NOT NULL CHECK (octet_length(browser_hash) = 32),
    provider        text NOT NULL CHECK (provider IN ('github', 'gitlab', 'atlassian')),
    code_verifier   text NOT NULL,
    link_to_user_id text REFERENCES users (public_id) ON DELETE CASCADE,
    expires_at      timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oauth_states_expires_at_idx ON oauth_states (expires_at);
