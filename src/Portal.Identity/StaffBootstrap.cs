using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Modules;
using Portal.Core.Security;

namespace Portal.Identity;

/// <summary>Roles with their default permissions, and the first administrator of a new site.</summary>
public sealed class StaffBootstrap(
    UserManager<StaffUser> users, RoleManager<StaffRole> roles, ModuleCatalog modules, TimeProvider clock)
{
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        [StaffRoles.Administrator] = "Sets the site up, manages users and roles, reads the audit trail.",
        [StaffRoles.Editor] = "Writes and publishes disclosure documents, service guides and fees.",
        [StaffRoles.DecisionOfficer] = "Posts decision drafts, answers every comment, finalizes decisions.",
        [StaffRoles.Moderator] = "Moderates public comments and hearing sign-ups.",
        [StaffRoles.Spokesperson] = "Publishes statements, briefings and policy interpretations.",
    };

    /// <summary>Creates missing roles and gives each the permissions modules grant it by default. Never removes a grant.</summary>
    public async Task EnsureRolesAsync()
    {
        var definitions = modules.Enabled.SelectMany(m => m.Permissions).ToList();
        foreach (var name in StaffRoles.All)
        {
            var role = await roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new StaffRole(name) { Description = Descriptions[name] };
                Check(await roles.CreateAsync(role));
            }
            var existing = (await roles.GetClaimsAsync(role)).Where(c => c.Type == PermissionClaim.Type).Select(c => c.Value).ToHashSet();
            foreach (var permission in definitions.Where(d => d.DefaultRoles.Contains(name)).Select(d => d.Name))
            {
                if (!existing.Contains(permission))
                {
                    Check(await roles.AddClaimAsync(role, new Claim(PermissionClaim.Type, permission)));
                }
            }
        }
    }

    /// <summary>
    /// Creates the first administrator when the site has none. Returns the password if it was generated. An
    /// <paramref name="email"/> (<c>Portal:Admin:Email</c>) is given to the new administrator, or to the existing one of
    /// that user name that has none yet, so staff alerts reach it.
    /// </summary>
    public async Task<(string UserName, string? GeneratedPassword)?> EnsureAdministratorAsync(string? userName, string? password, string? email = null)
    {
        await EnsureRolesAsync();
        userName = string.IsNullOrWhiteSpace(userName) ? "admin" : userName.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (email is not null && !IsEmail(email))
        {
            throw new InvalidOperationException($"Portal:Admin:Email '{email}' is not an email address.");
        }
        if ((await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Count > 0)
        {
            if (email is not null && await users.FindByNameAsync(userName) is { } existing && string.IsNullOrEmpty(existing.Email))
            {
                await SetEmailAsync(existing, email);
            }
            return null;
        }
        var generated = string.IsNullOrEmpty(password);
        password = generated ? GeneratePassword() : password!;
        await CreateAsync(userName, "Administrator", email, password, [StaffRoles.Administrator]);
        return (userName, generated ? password : null);
    }

    /// <param name="password">Null creates an account that cannot sign in until an administrator sets its password.</param>
    public async Task<StaffUser> CreateAsync(string userName, string displayName, string? email, string? password, IEnumerable<string> roleNames)
    {
        var user = new StaffUser
        {
            UserName = userName,
            DisplayName = displayName,
            Email = email,
            EmailConfirmed = email is not null,
            CreatedUtc = clock.GetUtcNow(),
        };
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roleNames));
        return user;
    }

    public async Task SetEmailAsync(StaffUser user, string email)
    {
        user.Email = email;
        user.EmailConfirmed = true;
        Check(await users.UpdateAsync(user));
    }

    public static bool IsEmail(string value) =>
        value.Length <= 200 && System.Net.Mail.MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && value.Contains('.', StringComparison.Ordinal);

    /// <summary>14 characters that always satisfy the password rules (upper, lower, digit), without look-alike characters.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        var chars = (RandomNumberGenerator.GetString(upper, 4) + RandomNumberGenerator.GetString(lower, 6) + RandomNumberGenerator.GetString(digits, 4)).ToCharArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
