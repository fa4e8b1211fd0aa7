using Microsoft.AspNetCore.Identity;

namespace Portal.Core.Data;

public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedUtc { get; set; }

    public DateTimeOffset? LastSignInUtc { get; set; }
}

public sealed class StaffRole : IdentityRole
{
    public StaffRole()
    {
    }

    public StaffRole(string name) : base(name)
    {
    }

    public string Description { get; set; } = "";
}
