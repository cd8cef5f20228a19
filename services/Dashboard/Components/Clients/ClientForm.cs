using System.ComponentModel.DataAnnotations;
using Platform.Sdk.Client.Clients;

namespace Platform.Dashboard.Components.Clients;

public sealed class ClientForm
{
    [Required(ErrorMessage = "Give the client a name"), StringLength(100, ErrorMessage = "The name is at most 100 characters")]
    public string? Name { get; set; }

    public string Type { get; set; } = ClientTypes.Confidential;

    public HashSet<string> GrantTypes { get; set; } = ["client_credentials"];

    public string? RedirectUris { get; set; }

    public HashSet<string> Scopes { get; set; } = [];

    private string[] Redirects => (RedirectUris ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string? Problem() =>
        GrantTypes.Count == 0 ? "Choose at least one grant"
        : Type == ClientTypes.Public && GrantTypes.Contains("client_credentials") ? "A public client has no secret, so it cannot use client_credentials"
        : GrantTypes.Contains("authorization_code") && Redirects.Length == 0 ? "Authorization code needs at least one redirect URI"
        : Redirects.FirstOrDefault(r => !Uri.TryCreate(r, UriKind.Absolute, out var u) || u.IsFile || !string.IsNullOrEmpty(u.Fragment)) is { } bad
            ? $"“{bad}” is not an absolute URI without a fragment"
        : null;

    public RegisterClientRequest ToRequest() => new(Name!.Trim(), Type, Redirects, [.. Scopes.Order(StringComparer.Ordinal)], [.. GrantTypes]);
}
