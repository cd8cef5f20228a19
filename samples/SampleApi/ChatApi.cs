using System.Text.Json;
using Platform.Sdk.ResourceServer;

namespace Platform.Samples.SampleApi;

public sealed record ChatMessage(string? Role, string? Content);

public sealed record ChatRequest(string? Model, ChatMessage[]? Messages);

/// <summary>The SIMOSphere routes of the seed: chat completions, models, usage. Canned answers, real protection.</summary>
public static class ChatApi
{
    private static readonly string[] Models = ["mistral-small-latest", "mistral-large-latest"];

    public static void MapChatApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", CompleteAsync).RequireScope("chat:completions");
        app.MapGet("/v1/models", ListModels).RequireScope("models:read");
        // The same handler without authentication, only when asked for: bench/ measures the cost of the check against it.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("SampleApi:BenchRoutes", false))
            app.MapGet("/v1/models/unauthenticated", ListModels);
        app.MapGet("/v1/usage", () => Results.Ok(new
        {
            @object = "usage",
            period = new { start = "2026-11-01", end = "2026-11-30" },
            total_tokens = 182_340,
            requests = 1_204,
        })).RequireScope("usage:read");
    }

    private static IResult ListModels() => Results.Ok(new
    {
        @object = "list",
        data = Models.Select(id => new { id, @object = "model", owned_by = "simosphere" }),
    });

    private static async Task<IResult> CompleteAsync(HttpRequest request, CancellationToken ct)
    {
        ChatRequest? chat;
        try
        {
            chat = await request.ReadFromJsonAsync<ChatRequest>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return BadRequest("The request body must be JSON: {\"model\": ..., \"messages\": [...]}");
        }
        if (chat?.Model is not { Length: > 0 } model || !Models.Contains(model)) return BadRequest($"model must be one of {string.Join(", ", Models)}");
        if (chat.Messages is not { Length: > 0 } messages || messages.Any(m => m is null || string.IsNullOrEmpty(m.Content))) return BadRequest("messages must be a non-empty list of messages with content");
        return Results.Ok(new
        {
            id = $"chatcmpl-{Guid.NewGuid():N}",
            @object = "chat.completion",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = "This is a canned answer from the sample API." }, finish_reason = "stop" } },
            usage = new { prompt_tokens = messages.Sum(m => m.Content!.Length / 4 + 1), completion_tokens = 11, total_tokens = messages.Sum(m => m.Content!.Length / 4 + 1) + 11 },
        });
    }

    internal static IResult BadRequest(string message) => Results.Json(Refusal.For(StatusCodes.Status400BadRequest, message), statusCode: StatusCodes.Status400BadRequest);
}
