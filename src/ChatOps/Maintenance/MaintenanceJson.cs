using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Maintenance;

/// <summary>Outbox payloads and the JSON API: web casing, enums by name so stored rows survive reordering.</summary>
public static class MaintenanceJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
