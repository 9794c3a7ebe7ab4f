using System.Collections.Frozen;
using System.Text.Json;
using ChatOps.Chat;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>
/// Slack's ok:false error codes, in words, and whether a later attempt can succeed. Unknown codes
/// count as permanent: Slack's transient conditions are few and documented, and retrying a request
/// Slack does not understand forty times helps nobody.
/// </summary>
public static class SlackErrors
{
    private static readonly FrozenDictionary<string, string> Transient = new Dictionary<string, string>
    {
        ["ratelimited"] = "rate-limited",
        ["rate_limited"] = "rate-limited",
        ["service_unavailable"] = "Slack is temporarily unavailable",
        ["internal_error"] = "Slack had an internal error",
        ["fatal_error"] = "Slack had an internal error",
        ["request_timeout"] = "the request timed out at Slack",
        ["team_added_to_org"] = "the workspace is being migrated",
        ["external_channel_migrating"] = "the channel is being migrated",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Permanent = new Dictionary<string, string>
    {
        ["channel_not_found"] = "no such channel, or the bot cannot see it",
        ["not_in_channel"] = "the bot is not in that channel",
        ["is_archived"] = "the channel is archived",
        ["missing_scope"] = "the app lacks a permission scope (reinstall it from infra/slack/app-manifest.yaml)",
        ["not_authed"] = "no bot token was sent",
        ["invalid_auth"] = "the bot token is not valid (check Slack:BotToken)",
        ["token_revoked"] = "the bot token was revoked",
        ["token_expired"] = "the bot token expired",
        ["account_inactive"] = "the bot's account is deactivated",
        ["no_permission"] = "the bot is not allowed to do that",
        ["invalid_blocks"] = "Slack rejected the message layout",
        ["invalid_blocks_format"] = "Slack rejected the message layout",
        ["msg_too_long"] = "the message is too long",
        ["no_text"] = "the message is empty",
        ["restricted_action"] = "a workspace setting forbids it",
        ["name_taken"] = "the channel name is taken",
        ["invalid_name"] = "the channel name is not valid",
        ["invalid_name_specials"] = "the channel name has characters Slack does not allow",
        ["invalid_name_maxlength"] = "the channel name is too long",
        ["user_not_found"] = "no such user",
        ["user_not_in_channel"] = "the user is not in that channel",
        ["cant_invite_self"] = "the bot cannot invite itself",
        ["message_not_found"] = "no such message",
        ["cant_update_message"] = "only the bot's own messages can be updated",
        ["edit_window_closed"] = "the message can no longer be edited",
        ["not_pinnable"] = "that message cannot be pinned",
        ["too_many_pins"] = "the channel has too many pins",
        ["expired_trigger_id"] = "the form could not be opened within Slack's 3-second window",
        ["trigger_expired"] = "the form could not be opened within Slack's 3-second window",
        ["exchanged_trigger_id"] = "the form was already opened for that click",
        ["trigger_exchanged"] = "the form was already opened for that click",
        ["invalid_trigger_id"] = "the form trigger is not valid",
        ["view_too_large"] = "the form is too large",
        ["file_not_found"] = "the uploaded file was not found",
        ["no_such_subteam"] = "no such user group",
        ["invalid_arguments"] = "the request was malformed",
        ["too_long"] = "the text is too long",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsTransient(string code) => Transient.ContainsKey(code);

    public static string Describe(string code) =>
        Transient.TryGetValue(code, out var t) ? t : Permanent.TryGetValue(code, out var p) ? p : "Slack refused it";

    /// <summary>"Slack refused chat.postMessage in C123: the bot is not in that channel (not_in_channel)".</summary>
    public static ChatPlatformException Refused(string method, string where, JsonElement answer)
    {
        var code = Code(answer) ?? "unknown_error";
        var detail = answer.ValueKind == JsonValueKind.Object
            && answer.TryGetProperty("response_metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
            && meta.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
            ? $"; {messages[0]}"
            : string.Empty;
        return new ChatPlatformException($"Slack refused {method}{where}: {Describe(code)} ({code}){detail}", permanent: !IsTransient(code));
    }

    public static string? Code(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            ? error.GetString()
            : null;
}

/// <summary>
/// What a Web API method answered (HTTP-level failures have already thrown). Callers that treat
/// some codes as outcomes (already_pinned, name_taken) look at <see cref="Error"/>; the rest call
/// <see cref="Expect"/>.
/// </summary>
public readonly record struct SlackAnswer(string Method, string Where, JsonElement Body)
{
    public bool Ok => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True;

    public string? Error => Ok ? null : SlackErrors.Code(Body) ?? "unknown_error";

    /// <summary>The body when ok; otherwise the readable, classified failure.</summary>
    public JsonElement Expect() => Ok ? Body : throw SlackErrors.Refused(Method, Where, Body);
}
