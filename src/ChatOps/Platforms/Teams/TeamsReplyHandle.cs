using System.Text.Json;

namespace ChatOps.Platforms.Teams;

/// <summary>
/// Where to answer an activity: its service URL, conversation (a channel thread or chat) and id.
/// Serialized into <see cref="Chat.ReplyTarget.Handle"/>, which features treat as opaque.
/// </summary>
public sealed record TeamsReplyHandle(string ServiceUrl, string ConversationId, string ActivityId)
{
    public string Serialize() => JsonSerializer.Serialize(this);

    public static TeamsReplyHandle? Parse(string? handle)
    {
        if (string.IsNullOrEmpty(handle) || handle[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TeamsReplyHandle>(handle);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
