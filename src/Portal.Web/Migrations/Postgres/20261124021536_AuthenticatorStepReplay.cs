using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuthenticatorStepReplay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffAuthenticatorSteps",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LastStep = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAuthenticatorSteps", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_StaffAuthenticatorSteps_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffAuthenticatorSteps");
        }
    }
}
