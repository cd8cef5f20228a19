namespace Platform.Tokens.Signing;

/// <summary>A key pair was created and published; it signs from <see cref="ActivatesAt"/>. The private half is Data-Protection protected.</summary>
public sealed record SigningKeyCreated(Guid SigningKeyId, int Generation, string Kid, string Algorithm, string PublicKey, string ProtectedPrivateKey, DateTimeOffset ActivatesAt, DateTimeOffset CreatedAt);

/// <summary>The key left the JWKS: every token it signed has expired.</summary>
public sealed record SigningKeyRetired(Guid SigningKeyId, DateTimeOffset RetiredAt);

/// <summary>One signing key's life, folded from its stream (one stream per key, id derived from its generation).</summary>
public sealed record SigningKey(Guid Id, int Generation, string Kid, string Algorithm, string PublicKey, string ProtectedPrivateKey, DateTimeOffset ActivatesAt, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt)
{
    public static SigningKey Create(SigningKeyCreated e) =>
        new(e.SigningKeyId, e.Generation, e.Kid, e.Algorithm, e.PublicKey, e.ProtectedPrivateKey, e.ActivatesAt, e.CreatedAt, null);

    public SigningKey Apply(SigningKeyRetired e) => this with { RetiredAt = e.RetiredAt };

    /// <summary>
    /// Generation N always has the same stream id, so two replicas racing to create the next key
    /// collide on the stream instead of publishing two.
    /// </summary>
    public static Guid StreamId(int generation) => new(generation, 0x5349, 0x474e, [0x4b, 0x45, 0x59, 0x53, 0, 0, 0, 1]);
}
