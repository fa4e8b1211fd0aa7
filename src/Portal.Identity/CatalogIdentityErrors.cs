using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Localization;

namespace Portal.Identity;

/// <summary>
/// ASP.NET Identity's refusals (password rules, a taken user name) in the staff member's language: its own describer
/// writes English only, and the staff pages show these messages as they are.
/// </summary>
public sealed class CatalogIdentityErrors(TextCatalog text) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string key, params object[] args) => new()
    {
        Code = code,
        Description = args.Length == 0 ? text.Translate(key) : string.Format(CultureInfo.CurrentCulture, text.Translate(key), args),
    };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "The change could not be saved. Try again.");

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), "Someone else changed this account at the same time. Reload the page and make the change again.");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "The current password is not correct.");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "The link or code is not valid any more. Ask for a new one.");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), "The user name '{0}' is not valid: use letters, digits, '.', '_' and '-' only.", userName ?? "");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "The user name '{0}' is already taken.", userName);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "'{0}' is not a valid email address.", email ?? "");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "The email address '{0}' is already used by another account.", email);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "The role name '{0}' is not valid.", role ?? "");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "The role '{0}' already exists.", role);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "This account already has a password.");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Lockout is not enabled for this account.");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "The account already has the role '{0}'.", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "The account does not have the role '{0}'.", role);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password must be at least {0} characters long.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), "The password must contain at least one character that is not a letter or a digit.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password must contain at least one digit (0-9).");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password must contain at least one lower-case letter (a-z).");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password must contain at least one capital letter (A-Z).");

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), "The recovery code is not valid or has been used already.");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "This sign-in is already linked to another account.");
}
