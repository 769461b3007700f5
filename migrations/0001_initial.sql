-- Hyperpage's durable state (docs/persistence.md). Applied once by `hyperpage migrate`, inside a
-- transaction; never edit this file after it has been applied anywhere: add a new one.

-- A person who signed in with at least one provider.
CREATE TABLE users (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name    text NOT NULL,
    email           text,
    avatar_url      text,
    is_admin        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz
);

-- A user's account at one provider and its OAuth tokens, encrypted with AES-256-GCM: the
-- ciphertext includes the 16-byte tag, the nonce is 96 bits, `key_id` names the key (from
-- HYPERPAGE_TOKEN_KEYS) that sealed both tokens. Plaintext tokens are never stored.
CREATE TABLE tool_connections (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id                  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider                 text NOT NULL CHECK (provider IN ('github', 'gitlab', 'atlassian')),
    provider_user_id         text NOT NULL,
    provider_login           text,
    scopes                   text NOT NULL DEFAULT '',
    access_token_ciphertext  bytea NOT NULL,
    access_token_nonce       bytea NOT NULL CHECK (octet_length(access_token_nonce) = 12),
    refresh_token_ciphertext bytea,
    refresh_token_nonce      bytea CHECK (octet_length(refresh_token_nonce) = 12),
    key_id                   text NOT NULL,
    expires_at               timestamptz,
    refresh_expires_at       timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tool_connections_refresh_pair CHECK ((refresh_token_ciphertext IS NULL) = (refresh_token_nonce IS NULL)),
    CONSTRAINT tool_connections_user_provider_key UNIQUE (user_id, provider),
    CONSTRAINT tool_connections_provider_account_key UNIQUE (provider, provider_user_id)
);
-- Key rotation looks for rows sealed under other keys; refresh looks for tokens about to expire.
CREATE INDEX tool_connections_key_id_idx ON tool_connections (key_id);
CREATE INDEX tool_connections_expires_at_idx ON tool_connections (expires_at) WHERE refresh_token_ciphertext IS NOT NULL;

-- Sign-in sessions when Redis is not configured. Only a SHA-256 of the session id is stored,
-- so a copy of this table cannot be replayed as cookies.
CREATE TABLE sessions (
    id_hash             bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    user_id             bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL DEFAULT now(),
    last_seen_at        timestamptz NOT NULL DEFAULT now(),
    idle_expires_at     timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_absolute_expires_at_idx ON sessions (absolute_expires_at);

-- What a user chose in the portal.
CREATE TABLE user_preferences (
    user_id                  bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    theme                    text NOT NULL DEFAULT 'system' CHECK (theme IN ('system', 'light', 'dark')),
    refresh_interval_seconds integer NOT NULL DEFAULT 60 CHECK (refresh_interval_seconds BETWEEN 10 AND 86400),
    dashboard_layout         jsonb NOT NULL DEFAULT '{}'::jsonb,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- Operator changes made at run time through admin mutations, applied by every pod. A NULL
-- column keeps the configuration file's value.
CREATE TABLE tool_overrides (
    tool                     text PRIMARY KEY CHECK (tool IN ('github', 'gitlab', 'jira', 'code_reviews', 'ci_cd', 'ticketing')),
    enabled                  boolean,
    refresh_interval_seconds integer CHECK (refresh_interval_seconds BETWEEN 10 AND 86400),
    updated_by               bigint REFERENCES users (id) ON DELETE SET NULL,
    updated_at               timestamptz NOT NULL DEFAULT now()
);

-- GraphQL documents by the lowercase hex SHA-256 of their text: automatic persisted queries
-- (trusted = false) and documents registered with `hyperpage persisted add` (trusted = true).
CREATE TABLE persisted_queries (
    sha256       text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    document     text NOT NULL,
    trusted      boolean NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz
);

-- Security-relevant events (sign-in, connect, disconnect, refresh failure, key rotation, admin
-- changes). `details` never holds tokens or secrets.
CREATE TABLE audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    event         text NOT NULL,
    provider      text,
    tool          text,
    details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_actor_user_id_idx ON audit_log (actor_user_id, occurred_at);
