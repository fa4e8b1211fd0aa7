namespace Portal.Identity.TwoFactor;

/// <summary>
/// The authenticator time step (Unix seconds / 30) of the last code a staff member signed in or enrolled with. A code of
/// that step or an earlier one is a replay. Kept out of <c>AspNetUsers</c> on purpose: Identity's user updates write
/// every column of the row they loaded, and would put back an older step.
/// </summary>
public sealed class AuthenticatorStep
{
    public string UserId { get; set; } = "";

    public long LastStep { get; set; }
}
