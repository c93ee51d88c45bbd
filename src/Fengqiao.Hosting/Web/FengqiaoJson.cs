using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Hosting.Web;

/// <summary>System.Text.Json settings for Fengqiao's web shapes: NodaTime values as ISO-8601 text, enums as camelCase names.</summary>
/// <remarks>
/// <see cref="Instant"/> reads and writes as <c>2026-12-04T08:30:00Z</c>, <see cref="LocalDate"/> as <c>2026-12-04</c>;
/// text in any other shape fails with a <see cref="JsonException"/> that quotes it. Thread-safe.
/// </remarks>
public static class FengqiaoJson
{
    /// <summary>Adds Fengqiao's converters to <paramref name="options"/> (ASP.NET Core's <c>ConfigureHttpJsonOptions</c> passes its own).</summary>
    /// <param name="options">The options to extend.</param>
    /// <returns><paramref name="options"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The options are already in use (read-only).</exception>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new PatternConverter<Instant>(InstantPattern.ExtendedIso));
        options.Converters.Add(new PatternConverter<LocalDate>(LocalDatePattern.Iso));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    /// <summary>New web options (camelCase properties) with Fengqiao's converters.</summary>
    /// <returns>Fresh, mutable options.</returns>
    public static JsonSerializerOptions CreateOptions() => Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private sealed class PatternConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected an ISO-8601 {typeof(T).Name} as a string, found {reader.TokenType}.");
            }

            var text = reader.GetString()!;
            var parsed = pattern.Parse(text);
            return parsed.Success ? parsed.Value : throw new JsonException($"'{text}' is not an ISO-8601 {typeof(T).Name}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(pattern.Format(value));
        }
    }
}
