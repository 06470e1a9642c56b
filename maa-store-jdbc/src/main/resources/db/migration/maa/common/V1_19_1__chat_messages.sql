-- Where each chat channel posted its card of a request (a Slack message: channel and ts; a Teams activity id) and the
-- request version it shows (issue 21): the outbox's delivery worker on any node, and after a restart, updates that
-- card in place (chat.update, PUT of the activity) instead of posting a new one (ChatMessageRows). One row per request
-- and channel, written after a card was posted or updated; never a column or index on maa_request.
CREATE TABLE maa_chat_message (
    request_id VARCHAR(128) NOT NULL,
    channel    VARCHAR(64)  NOT NULL,
    message_id VARCHAR(512) NOT NULL,
    version    BIGINT       NOT NULL,
    CONSTRAINT pk_maa_chat_message PRIMARY KEY (request_id, channel)
);
