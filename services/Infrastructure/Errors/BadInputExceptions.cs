using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// The exceptions that mean the request, not the code, was wrong, and the 4xx each becomes. Anything
/// else is a bug and stays a 500: mapping broad types (InvalidOperationException) would hide them.
/// </summary>
public static class BadInputExceptions
{
    internal static (int Status, string Message) Answer(Exception? error) => error switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "The request is malformed"),
        JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON"),
        // Form limits (value count, key or value length, multipart sections) are enforced by throwing this.
        InvalidDataException => (StatusCodes.Status400BadRequest, "The form body exceeds a limit or is malformed"),
        // Optimistic concurrency: an expected version that no longer holds, or a concurrent write won.
        JasperFx.ConcurrencyException => (StatusCodes.Status409Conflict, "The resource was changed by another request; read it again and retry"),
        JasperFx.DocumentAlreadyExistsException => (StatusCodes.Status409Conflict, "A resource with the same identity already exists"),
        _ when IsUniqueViolation(error) =>
            (StatusCodes.Status409Conflict, "A resource with the same unique value already exists"),
        // A backstop for text PostgreSQL cannot store (NUL); InputGuard refuses it before binding.
        _ when Postgres(error)?.SqlState is PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.CharacterNotInRepertoire =>
            (StatusCodes.Status400BadRequest, "Text must not contain the NUL character (U+0000)"),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred"),
    };

    /// <summary>A unique index refused the write, however Marten or Npgsql wrapped it: the caller's value is taken.</summary>
    public static bool IsUniqueViolation(Exception? error) =>
        error is JasperFx.DocumentAlreadyExistsException || Postgres(error)?.SqlState == PostgresErrorCodes.UniqueViolation;

    private static PostgresException? Postgres(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is PostgresException postgres) return postgres;
        return null;
    }
}
