using System.Net;
using System.Text.Json.Nodes;

namespace ChatOps.IntegrationTests.Fakes.Slack;

/// <summary>The external upload flow (files.getUploadURLExternal, the upload URL, files.completeUploadExternal) and response URLs.</summary>
public sealed partial class FakeSlack
{
    private FakeAnswer FilesMethod(string method, JsonObject body)
    {
        if (method == "files.getUploadURLExternal")
        {
            if (!int.TryParse(body.Str("length"), out var length) || length <= 0 || string.IsNullOrEmpty(body.Str("filename")))
            {
                return FakeAnswer.Error("invalid_arguments");
            }

            var file = new FileState(NewId("F"), body.Str("filename")!, length);
            _files[file.Id] = file;
            return FakeAnswer.Ok(new JsonObject { ["upload_url"] = new Uri(BaseAddress, $"upload/{file.Id}").ToString(), ["file_id"] = file.Id });
        }

        if (method != "files.completeUploadExternal")
        {
            return FakeAnswer.Error("unknown_method", status: HttpStatusCode.NotFound);
        }

        var entries = body.Array("files") ?? [];
        var found = entries.Select(e => _files.GetValueOrDefault(e?["id"]?.GetValue<string>() ?? "")).ToList();
        if (entries.Count == 0 || found.Any(f => f?.Content is null || f.Completed))
        {
            return FakeAnswer.Error("file_not_found");
        }

        var channelId = body.Str("channel_id");
        ChannelState? channel = null;
        if (channelId is not null && Target(channelId, out channel) is { } refused)
        {
            return refused;
        }

        MessageState? post = channel is null ? null : new MessageState(NewTs(), BotUserId, body.Str("initial_comment"), null, body.Str("thread_ts"));
        foreach (var (file, entry) in found.Zip(entries))
        {
            file!.Completed = true;
            file.Title = entry?["title"]?.GetValue<string>() ?? file.FileName;
            file.Channel = channelId;
            file.Comment = body.Str("initial_comment");
            post?.FileIds.Add(file.Id);
        }

        if (post is not null)
        {
            channel!.Messages.Add(post);
        }

        return FakeAnswer.Ok(new JsonObject { ["files"] = new JsonArray([.. found.Select(f => new JsonObject { ["id"] = f!.Id, ["title"] = f.Title })]) });
    }

    private bool Upload(string fileId, byte[] bytes)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(fileId, out var file) || file.Completed)
            {
                return false;
            }

            file.Content = bytes;
            return true;
        }
    }

    private FakeAnswer RespondTo(string id, JsonObject body)
    {
        lock (_gate)
        {
            if (_expiredResponseUrls.Contains(id))
            {
                return FakeAnswer.Text(HttpStatusCode.NotFound, "expired_url");
            }
        }

        return body.Str("text") is null && body["blocks"] is null && !body.Flag("delete_original")
            ? FakeAnswer.Text(HttpStatusCode.BadRequest, "no_text")
            : new FakeAnswer(HttpStatusCode.OK, "ok", "text/plain; charset=utf-8");
    }
}
