// Generated from the API's AsyncAPI document by `npm run generate:client` (apps/api/src/testkit/client-types.ts): do not edit.
export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CommandAuth: {
            id: string | number;
            token: string;
            /** @enum {string} */
            type: "auth";
        };
        CommandMessageDelete: {
            /** @enum {string} */
            for?: "me" | "everyone";
            id: string | number;
            messageId: string;
            /** @enum {string} */
            type: "message.delete";
        };
        CommandMessageEdit: {
            content: string;
            id: string | number;
            messageId: string;
            /** @enum {string} */
            parseMode?: "plain" | "markdown";
            /** @enum {string} */
            type: "message.edit";
        };
        CommandMessageSend: {
            attachmentIds?: string[];
            clientMessageId?: string;
            content?: string;
            conversationId: string;
            id: string | number;
            metadata?: {
                mentions?: string[];
            };
            /** @enum {string} */
            parseMode?: "plain" | "markdown";
            poll?: {
                anonymous?: boolean;
                multiple?: boolean;
                options: string[];
                question: string;
            };
            replyToId?: string | null;
            silent?: boolean;
            /** @enum {string} */
            type: "message.send";
        };
        CommandPing: {
            id: string | number;
            /** @enum {string} */
            type: "ping";
        };
        CommandPresenceAway: {
            id: string | number;
            /** @enum {string} */
            type: "presence.away";
        };
        CommandPresenceOnline: {
            id: string | number;
            /** @enum {string} */
            type: "presence.online";
        };
        CommandRead: {
            conversationId?: string;
            id: string | number;
            /** @enum {string} */
            kind?: "read" | "delivered";
            messageId?: string;
            seq?: number;
            /** @enum {string} */
            type: "read";
        };
        CommandResume: {
            conversationId: string;
            id: string | number;
            lastEventSeq: number;
            /** @enum {string} */
            type: "resume";
        };
        CommandTypingStart: {
            conversationId: string;
            id: string | number;
            /** @enum {string} */
            type: "typing.start";
        };
        CommandTypingStop: {
            conversationId: string;
            id: string | number;
            /** @enum {string} */
            type: "typing.stop";
        };
        FrameAck: {
            id: string;
            result?: unknown;
            /** @enum {string} */
            type: "ack";
        };
        FrameBatch: {
            frames: ({
                connectionId: string;
                /** @enum {string} */
                type: "ready";
                userId: string;
            } | {
                id: string;
                result?: unknown;
                /** @enum {string} */
                type: "ack";
            } | {
                error: {
                    code: string;
                    details?: unknown;
                    message: string;
                };
                id: string | null;
                /** @enum {string} */
                type: "error";
            } | {
                id: string;
                /** @enum {string} */
                type: "pong";
            } | {
                event: {
                    actorId: string;
                    conversationId: string;
                    /** Format: date-time */
                    createdAt: string;
                    eventSeq: number;
                    payload: {
                        /** @enum {string} */
                        type: "conversation.created" | "conversation.updated" | "conversation.deleted" | "participant.added" | "participant.removed" | "participant.role_changed" | "participant.banned" | "participant.unbanned" | "participant.restricted" | "message.created" | "message.edited" | "message.deleted" | "message.pinned" | "message.unpinned" | "poll.voted" | "poll.closed" | "reaction.added" | "reaction.removed" | "receipt.updated" | "log.gap";
                    } & {
                        [key: string]: unknown;
                    };
                    /** @enum {string} */
                    type: "conversation.created" | "conversation.updated" | "conversation.deleted" | "participant.added" | "participant.removed" | "participant.role_changed" | "participant.banned" | "participant.unbanned" | "participant.restricted" | "message.created" | "message.edited" | "message.deleted" | "message.pinned" | "message.unpinned" | "poll.voted" | "poll.closed" | "reaction.added" | "reaction.removed" | "receipt.updated" | "log.gap";
                } | {
                    conversationId: string;
                    /** Format: date-time */
                    expiresAt: string;
                    /** @enum {string} */
                    type: "typing.started";
                    userId: string;
                } | {
                    conversationId: string;
                    /** @enum {string} */
                    type: "typing.stopped";
                    userId: string;
                } | {
                    /** Format: date-time */
                    lastSeenAt?: string | null;
                    /** @enum {string} */
                    status: "online" | "away" | "offline";
                    /** @enum {string} */
                    type: "presence.updated";
                    userId: string;
                } | {
                    conversationId: string;
                    participant: components["schemas"]["Participant"];
                    /** @enum {string} */
                    type: "conversation.joined";
                } | {
                    conversationId: string;
                    /** @enum {string} */
                    reason?: "left" | "removed" | "erased" | "banned";
                    /** @enum {string} */
                    type: "conversation.left";
                    /** Format: date-time */
                    until?: string | null;
                    userId: string;
                } | {
                    conversationId: string;
                    messageId: string;
                    /** @enum {string} */
                    type: "message.hidden";
                } | {
                    conversationId: string;
                    lastDeliveredSeq: number;
                    lastReadSeq: number;
                    /** @enum {string} */
                    type: "receipt.self";
                } | {
                    mediaId: string;
                    status: string;
                    /** @enum {string} */
                    type: "media.updated";
                } | {
                    conversationId: string;
                    messageId: string;
                    queryId: string;
                    showAlert: boolean;
                    text: string | null;
                    /** @enum {string} */
                    type: "callback.answered";
                } | {
                    clientMessageId: string | null;
                    conversationId: string;
                    heldId: string;
                    messageId: string | null;
                    /** @enum {string} */
                    state: "approved" | "rejected";
                    /** @enum {string} */
                    type: "message.reviewed";
                };
                /** @enum {string} */
                type: "event";
            })[];
            /** @enum {string} */
            type: "batch";
        };
        FrameError: {
            error: {
                code: string;
                details?: unknown;
                message: string;
            };
            id: string | null;
            /** @enum {string} */
            type: "error";
        };
        FrameEvent: {
            event: {
                actorId: string;
                conversationId: string;
                /** Format: date-time */
                createdAt: string;
                eventSeq: number;
                payload: {
                    /** @enum {string} */
                    type: "conversation.created" | "conversation.updated" | "conversation.deleted" | "participant.added" | "participant.removed" | "participant.role_changed" | "participant.banned" | "participant.unbanned" | "participant.restricted" | "message.created" | "message.edited" | "message.deleted" | "message.pinned" | "message.unpinned" | "poll.voted" | "poll.closed" | "reaction.added" | "reaction.removed" | "receipt.updated" | "log.gap";
                } & {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                type: "conversation.created" | "conversation.updated" | "conversation.deleted" | "participant.added" | "participant.removed" | "participant.role_changed" | "participant.banned" | "participant.unbanned" | "participant.restricted" | "message.created" | "message.edited" | "message.deleted" | "message.pinned" | "message.unpinned" | "poll.voted" | "poll.closed" | "reaction.added" | "reaction.removed" | "receipt.updated" | "log.gap";
            } | {
                conversationId: string;
                /** Format: date-time */
                expiresAt: string;
                /** @enum {string} */
                type: "typing.started";
                userId: string;
            } | {
                conversationId: string;
                /** @enum {string} */
                type: "typing.stopped";
                userId: string;
            } | {
                /** Format: date-time */
                lastSeenAt?: string | null;
                /** @enum {string} */
                status: "online" | "away" | "offline";
                /** @enum {string} */
                type: "presence.updated";
                userId: string;
            } | {
                conversationId: string;
                participant: components["schemas"]["Participant"];
                /** @enum {string} */
                type: "conversation.joined";
            } | {
                conversationId: string;
                /** @enum {string} */
                reason?: "left" | "removed" | "erased" | "banned";
                /** @enum {string} */
                type: "conversation.left";
                /** Format: date-time */
                until?: string | null;
                userId: string;
            } | {
                conversationId: string;
                messageId: string;
                /** @enum {string} */
                type: "message.hidden";
            } | {
                conversationId: string;
                lastDeliveredSeq: number;
                lastReadSeq: number;
                /** @enum {string} */
                type: "receipt.self";
            } | {
                mediaId: string;
                status: string;
                /** @enum {string} */
                type: "media.updated";
            } | {
                conversationId: string;
                messageId: string;
                queryId: string;
                showAlert: boolean;
                text: string | null;
                /** @enum {string} */
                type: "callback.answered";
            } | {
                clientMessageId: string | null;
                conversationId: string;
                heldId: string;
                messageId: string | null;
                /** @enum {string} */
                state: "approved" | "rejected";
                /** @enum {string} */
                type: "message.reviewed";
            };
            /** @enum {string} */
            type: "event";
        };
        FramePong: {
            id: string;
            /** @enum {string} */
            type: "pong";
        };
        FrameReady: {
            connectionId: string;
            /** @enum {string} */
            type: "ready";
            userId: string;
        };
        Participant: {
            conversationId: string;
            /** Format: date-time */
            joinedAt: string;
            /** Format: date-time */
            lastDeliveredAt: string | null;
            lastDeliveredSeq: number;
            /** Format: date-time */
            lastReadAt: string | null;
            lastReadSeq: number;
            /** Format: date-time */
            leftAt: string | null;
            /** Format: date-time */
            mutedUntil: string | null;
            restrictions?: components["schemas"]["Restriction"] | null;
            rights?: ("changeInfo" | "deleteMessages" | "banUsers" | "inviteUsers" | "pinMessages" | "addAdmins" | "postMessages")[] | null;
            /** @enum {string} */
            role: "owner" | "admin" | "member" | "subscriber";
            /** @enum {string} */
            state: "active" | "left";
            userId: string;
        };
        Restriction: {
            /** Format: date-time */
            at: string;
            by: string;
            deny: ("send" | "media" | "links" | "polls")[];
            /** Format: date-time */
            until: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
