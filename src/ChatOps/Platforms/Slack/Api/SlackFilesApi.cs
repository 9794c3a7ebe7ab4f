using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Chat;
using ChatOps.Platforms.Slack.Rendering;

namespace ChatOps.Platforms.Slack.Api;

/// <summary>The external upload flow (files.upload is retired): get an upload URL, POST the bytes, complete.</summary>
public sealed class SlackFilesApi(SlackApi api)
{
    public async Task UploadAsync(string channelId, ChatFile file, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(file.Content);
        if (bytes.Length == 0)
        {
            throw new ChatPlatformException($"Slack cannot take the empty file {file.FileName}", permanent: true);
        }

        var ticket = (await api.PostFormAsync(
            "files.getUploadURLExternal",
            [new("filename", file.FileName), new("length", bytes.Length.ToString(CultureInfo.InvariantCulture))],
            SlackApi.In(channelId),
            ct)).Expect();
        var fileId = ticket.GetProperty("file_id").GetString()!;
        var uploadUrl = SafeUploadUrl(ticket.GetProperty("upload_url").GetString());

        using var content = new ByteArrayContent(bytes);
        await api.PostRawAsync(uploadUrl, content, "the file upload URL", ct);

        var files = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = file.Title }).ToJsonString(SlackApi.Wire);
        var complete = new List<KeyValuePair<string, string>> { new("files", files), new("channel_id", channelId) };
        if (!string.IsNullOrWhiteSpace(file.Comment))
        {
            complete.Add(new("initial_comment", SlackMrkdwn.Escape(file.Comment)));
        }

        (await api.PostFormAsync("files.completeUploadExternal", complete, SlackApi.In(channelId), ct)).Expect();
    }

    /// <summary>The bytes go only to an https URL (http only on loopback, for tests).</summary>
    private static Uri SafeUploadUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            ? uri
            : throw new ChatPlatformException("Slack answered files.getUploadURLExternal without a usable upload_url", permanent: false);
}
