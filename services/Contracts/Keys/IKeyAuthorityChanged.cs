namespace Platform.Contracts.Keys;

/// <summary>
/// A key event that changes what credentials derived from the key may do: its scopes shrank or grew,
/// or it stopped (revoked, suspended, expired) or started again (reinstated).
/// Producer: Keys. Consumers: Audit; Tokens (tokens exchanged from the key) and Agents (agent
/// credentials minted from it), which must never outlive or outgrow the key.
/// </summary>
public interface IKeyAuthorityChanged : IKeyEvent;
