CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Description" TEXT NOT NULL,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "LastSignInUtc" INTEGER NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "FeeItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FeeItems" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Standard" TEXT NOT NULL,
    "Unit" TEXT NOT NULL,
    "Basis" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "State" INTEGER NOT NULL,
    "PublishedUtc" INTEGER NULL,
    "ModifiedUtc" INTEGER NOT NULL
);

CREATE TABLE "Sections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sections" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "NameZh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "DescriptionZh" TEXT NOT NULL,
    "DescriptionEn" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL
);

CREATE TABLE "ServiceGuides" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ServiceGuides" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "ItemName" TEXT NOT NULL,
    "ItemCode" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "LegalBasis" TEXT NOT NULL,
    "Conditions" TEXT NOT NULL,
    "Materials" TEXT NOT NULL,
    "Steps" TEXT NOT NULL,
    "PromisedDays" INTEGER NOT NULL,
    "StatutoryDays" INTEGER NOT NULL,
    "Fees" TEXT NOT NULL,
    "Faq" TEXT NOT NULL,
    "Where" TEXT NOT NULL,
    "Hours" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Online" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "PublishedUtc" INTEGER NULL,
    "UpdatedUtc" INTEGER NULL,
    "ModifiedUtc" INTEGER NOT NULL
);

CREATE TABLE "SiteSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_SiteSettings" PRIMARY KEY,
    "Value" TEXT NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ExpiresUtc" INTEGER NULL,
    "LastUsedUtc" INTEGER NULL,
    "RevokedUtc" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Documents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Documents" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "SectionId" INTEGER NOT NULL,
    "IndexNumber" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "DocNumber" TEXT NULL,
    "IssuingBody" TEXT NOT NULL,
    "WrittenOn" TEXT NULL,
    "EffectiveOn" TEXT NULL,
    "Validity" INTEGER NOT NULL,
    "AbolishedOn" TEXT NULL,
    "Topics" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "BodyMarkdown" TEXT NOT NULL,
    "BodySanitizedHtml" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "PublishedUtc" INTEGER NULL,
    "UpdatedUtc" INTEGER NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ModifiedUtc" INTEGER NOT NULL,
    "RevisionCount" INTEGER NOT NULL,
    CONSTRAINT "FK_Documents_Sections_SectionId" FOREIGN KEY ("SectionId") REFERENCES "Sections" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Attachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY AUTOINCREMENT,
    "DocumentId" INTEGER NULL,
    "ServiceGuideId" INTEGER NULL,
    "Title" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "IsSample" INTEGER NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "FK_Attachments_Documents_DocumentId" FOREIGN KEY ("DocumentId") REFERENCES "Documents" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Attachments_ServiceGuides_ServiceGuideId" FOREIGN KEY ("ServiceGuideId") REFERENCES "ServiceGuides" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DocumentRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DocumentRevisions" PRIMARY KEY AUTOINCREMENT,
    "DocumentId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "BodySanitizedHtml" TEXT NOT NULL,
    "ChangeNote" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "PublishedUtc" INTEGER NOT NULL,
    CONSTRAINT "FK_DocumentRevisions_Documents_DocumentId" FOREIGN KEY ("DocumentId") REFERENCES "Documents" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");

CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_Attachments_DocumentId" ON "Attachments" ("DocumentId");

CREATE INDEX "IX_Attachments_ServiceGuideId" ON "Attachments" ("ServiceGuideId");

CREATE UNIQUE INDEX "IX_DocumentRevisions_DocumentId_Number" ON "DocumentRevisions" ("DocumentId", "Number");

CREATE INDEX "IX_Documents_SectionId_State_PublishedUtc" ON "Documents" ("SectionId", "State", "PublishedUtc");

CREATE UNIQUE INDEX "IX_Documents_Slug" ON "Documents" ("Slug");

CREATE UNIQUE INDEX "IX_FeeItems_Slug" ON "FeeItems" ("Slug");

CREATE UNIQUE INDEX "IX_Sections_Slug" ON "Sections" ("Slug");

CREATE UNIQUE INDEX "IX_ServiceGuides_Slug" ON "ServiceGuides" ("Slug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123090141_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Sections" ADD "ShowOnHome" INTEGER NOT NULL DEFAULT 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123090731_SectionShowOnHome', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Consultations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Consultations" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Department" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "ShortPeriodReason" TEXT NOT NULL,
    "Contact" TEXT NOT NULL,
    "OpensUtc" INTEGER NOT NULL,
    "ClosesUtc" INTEGER NOT NULL,
    "PlannedAdoptionDate" TEXT NOT NULL,
    "Articles" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "PublishedUtc" INTEGER NULL,
    "VersionCount" INTEGER NOT NULL,
    "FinalArticles" TEXT NOT NULL,
    "OutcomeReason" TEXT NOT NULL,
    "FinalizedUtc" INTEGER NULL,
    "FinalizedBy" TEXT NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ModifiedUtc" INTEGER NOT NULL,
    "CommentCount" INTEGER NOT NULL
);

CREATE TABLE "ReceiptCounters" (
    "Year" INTEGER NOT NULL CONSTRAINT "PK_ReceiptCounters" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);

CREATE TABLE "Comments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Comments" PRIMARY KEY AUTOINCREMENT,
    "ConsultationId" INTEGER NOT NULL,
    "ReceiptNumber" TEXT NOT NULL,
    "AccessToken" TEXT NOT NULL,
    "ArticleNumber" INTEGER NULL,
    "Name" TEXT NOT NULL,
    "PublishName" INTEGER NOT NULL,
    "Email" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Organization" TEXT NULL,
    "Body" TEXT NOT NULL,
    "PublicBody" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "RejectReason" INTEGER NOT NULL,
    "SubmittedUtc" INTEGER NOT NULL,
    "ModeratedUtc" INTEGER NULL,
    "ModeratedBy" TEXT NOT NULL,
    "GroupId" INTEGER NULL,
    "Fingerprint" INTEGER NOT NULL,
    "Band0" INTEGER NOT NULL,
    "Band1" INTEGER NOT NULL,
    "Band2" INTEGER NOT NULL,
    "Band3" INTEGER NOT NULL,
    "Band4" INTEGER NOT NULL,
    "Band5" INTEGER NOT NULL,
    "Band6" INTEGER NOT NULL,
    "Band7" INTEGER NOT NULL,
    "ConsentToPublish" INTEGER NOT NULL,
    "Disposition" INTEGER NOT NULL,
    "ResponseReason" TEXT NOT NULL,
    "ResponseArticles" TEXT NOT NULL,
    "RespondedUtc" INTEGER NULL,
    "RespondedBy" TEXT NOT NULL,
    "SourceHash" TEXT NOT NULL,
    CONSTRAINT "FK_Comments_Consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "Consultations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ConsultationVersions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConsultationVersions" PRIMARY KEY AUTOINCREMENT,
    "ConsultationId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Articles" TEXT NOT NULL,
    "ChangeNote" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "PublishedUtc" INTEGER NOT NULL,
    CONSTRAINT "FK_ConsultationVersions_Consultations_ConsultationId" FOREIGN KEY ("ConsultationId") REFERENCES "Consultations" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Comments_ConsultationId_Band0" ON "Comments" ("ConsultationId", "Band0");

CREATE INDEX "IX_Comments_ConsultationId_Band1" ON "Comments" ("ConsultationId", "Band1");

CREATE INDEX "IX_Comments_ConsultationId_Band2" ON "Comments" ("ConsultationId", "Band2");

CREATE INDEX "IX_Comments_ConsultationId_Band3" ON "Comments" ("ConsultationId", "Band3");

CREATE INDEX "IX_Comments_ConsultationId_Band4" ON "Comments" ("ConsultationId", "Band4");

CREATE INDEX "IX_Comments_ConsultationId_Band5" ON "Comments" ("ConsultationId", "Band5");

CREATE INDEX "IX_Comments_ConsultationId_Band6" ON "Comments" ("ConsultationId", "Band6");

CREATE INDEX "IX_Comments_ConsultationId_Band7" ON "Comments" ("ConsultationId", "Band7");

CREATE INDEX "IX_Comments_ConsultationId_Email" ON "Comments" ("ConsultationId", "Email");

CREATE INDEX "IX_Comments_ConsultationId_Status_SubmittedUtc" ON "Comments" ("ConsultationId", "Status", "SubmittedUtc");

CREATE INDEX "IX_Comments_GroupId" ON "Comments" ("GroupId");

CREATE UNIQUE INDEX "IX_Comments_ReceiptNumber" ON "Comments" ("ReceiptNumber");

CREATE UNIQUE INDEX "IX_Consultations_Slug" ON "Consultations" ("Slug");

CREATE INDEX "IX_Consultations_State_ClosesUtc" ON "Consultations" ("State", "ClosesUtc");

CREATE UNIQUE INDEX "IX_ConsultationVersions_ConsultationId_Number" ON "ConsultationVersions" ("ConsultationId", "Number");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123105921_Consultations', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ContentChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContentChanges" PRIMARY KEY AUTOINCREMENT,
    "Source" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "ChangedUtc" INTEGER NOT NULL,
    "DueUtc" INTEGER NOT NULL
);

CREATE INDEX "IX_ContentChanges_DueUtc" ON "ContentChanges" ("DueUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123122749_ContentChanges', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Attachments" ADD "OwnerId" INTEGER NULL;

ALTER TABLE "Attachments" ADD "OwnerKind" TEXT NULL;

CREATE INDEX "IX_Attachments_OwnerKind_OwnerId" ON "Attachments" ("OwnerKind", "OwnerId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123124930_DraftAttachments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditCheckpoints" (
    "Date" TEXT NOT NULL CONSTRAINT "PK_AuditCheckpoints" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "PublishedUtc" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "Sequence" INTEGER NULL,
    "OccurredUtc" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityKey" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Context" TEXT NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "AuditHead" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditHead" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

INSERT INTO "AuditHead" ("Id", "Hash", "Sequence", "Version")
VALUES (1, '', 0, 0);
SELECT changes();


CREATE INDEX "IX_AuditEntries_EntityType_EntityKey" ON "AuditEntries" ("EntityType", "EntityKey");

CREATE INDEX "IX_AuditEntries_OccurredUtc" ON "AuditEntries" ("OccurredUtc");

CREATE UNIQUE INDEX "IX_AuditEntries_Sequence" ON "AuditEntries" ("Sequence");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123125907_Audit', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Statements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Statements" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Speaker" TEXT NOT NULL,
    "BodyMarkdown" TEXT NOT NULL,
    "BodySanitizedHtml" TEXT NOT NULL,
    "Questions" TEXT NOT NULL,
    "RelatedSource" TEXT NULL,
    "RelatedSlug" TEXT NULL,
    "State" INTEGER NOT NULL,
    "PublishUtc" INTEGER NULL,
    "Author" TEXT NOT NULL,
    "ReviewedBy" TEXT NOT NULL,
    "ReviewedUtc" INTEGER NULL,
    "PublishedBy" TEXT NOT NULL,
    "CorrectedUtc" INTEGER NULL,
    "CorrectionNote" TEXT NOT NULL,
    "RetractedUtc" INTEGER NULL,
    "RetractionReason" TEXT NOT NULL,
    "RevisionCount" INTEGER NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ModifiedUtc" INTEGER NOT NULL
);

CREATE TABLE "StatementAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StatementAttachments" PRIMARY KEY AUTOINCREMENT,
    "StatementId" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Order" INTEGER NOT NULL,
    CONSTRAINT "FK_StatementAttachments_Statements_StatementId" FOREIGN KEY ("StatementId") REFERENCES "Statements" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StatementRevisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StatementRevisions" PRIMARY KEY AUTOINCREMENT,
    "StatementId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "BodyMarkdown" TEXT NOT NULL,
    "BodySanitizedHtml" TEXT NOT NULL,
    "Questions" TEXT NOT NULL,
    "Note" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "PublishedUtc" INTEGER NOT NULL,
    CONSTRAINT "FK_StatementRevisions_Statements_StatementId" FOREIGN KEY ("StatementId") REFERENCES "Statements" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_StatementAttachments_StatementId" ON "StatementAttachments" ("StatementId");

CREATE UNIQUE INDEX "IX_StatementRevisions_StatementId_Number" ON "StatementRevisions" ("StatementId", "Number");

CREATE INDEX "IX_Statements_RelatedSource_RelatedSlug" ON "Statements" ("RelatedSource", "RelatedSlug");

CREATE UNIQUE INDEX "IX_Statements_Slug" ON "Statements" ("Slug");

CREATE INDEX "IX_Statements_State_PublishUtc" ON "Statements" ("State", "PublishUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123140915_Statements', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Comments" ADD "Channel" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Comments" ADD "HearingSlug" TEXT NULL;

ALTER TABLE "Comments" ADD "HearingTitle" TEXT NULL;

CREATE TABLE "Hearings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Hearings" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Matters" TEXT NOT NULL,
    "MattersHtml" TEXT NOT NULL,
    "LegalBasis" TEXT NOT NULL,
    "Organizer" TEXT NOT NULL,
    "ConsultationSlug" TEXT NULL,
    "StartsUtc" INTEGER NOT NULL,
    "EndsUtc" INTEGER NOT NULL,
    "VenueName" TEXT NOT NULL,
    "VenueAddress" TEXT NOT NULL,
    "Directions" TEXT NOT NULL,
    "Accessibility" TEXT NOT NULL,
    "OnlineOption" TEXT NOT NULL,
    "Seats" INTEGER NOT NULL,
    "SeatsTaken" INTEGER NOT NULL,
    "SpeakerSlots" INTEGER NOT NULL,
    "RegistrationOpensUtc" INTEGER NOT NULL,
    "RegistrationClosesUtc" INTEGER NOT NULL,
    "Selection" INTEGER NOT NULL,
    "Categories" TEXT NOT NULL,
    "SelectionRules" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "PublishedUtc" INTEGER NULL,
    "LotterySeedPhrase" TEXT NULL,
    "LotterySeed" TEXT NULL,
    "DrawnUtc" INTEGER NULL,
    "ParticipantsPublishedUtc" INTEGER NULL,
    "MaterialsReleasedUtc" INTEGER NULL,
    "Materials" TEXT NOT NULL,
    "RecordMarkdown" TEXT NOT NULL,
    "RecordHtml" TEXT NOT NULL,
    "Statements" TEXT NOT NULL,
    "RecordPublishedUtc" INTEGER NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ModifiedUtc" INTEGER NOT NULL
);

CREATE TABLE "HearingRegistrations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_HearingRegistrations" PRIMARY KEY AUTOINCREMENT,
    "HearingId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "CancelToken" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Affiliation" TEXT NULL,
    "Category" TEXT NULL,
    "WantsToSpeak" INTEGER NOT NULL,
    "StatementSummary" TEXT NULL,
    "AccessibilityNeeds" TEXT NULL,
    "ConsentToList" INTEGER NOT NULL,
    "Culture" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Rank" INTEGER NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ConfirmedUtc" INTEGER NULL,
    "CancelledUtc" INTEGER NULL,
    "AttendedUtc" INTEGER NULL,
    CONSTRAINT "FK_HearingRegistrations_Hearings_HearingId" FOREIGN KEY ("HearingId") REFERENCES "Hearings" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_HearingRegistrations_Code" ON "HearingRegistrations" ("Code");

CREATE UNIQUE INDEX "IX_HearingRegistrations_HearingId_Email" ON "HearingRegistrations" ("HearingId", "Email");

CREATE INDEX "IX_HearingRegistrations_HearingId_Status_Rank_Id" ON "HearingRegistrations" ("HearingId", "Status", "Rank", "Id");

CREATE UNIQUE INDEX "IX_Hearings_Slug" ON "Hearings" ("Slug");

CREATE INDEX "IX_Hearings_State_StartsUtc" ON "Hearings" ("State", "StartsUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123141127_Hearings', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "JobLeases" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_JobLeases" PRIMARY KEY,
    "Owner" TEXT NOT NULL,
    "ExpiresUtc" INTEGER NOT NULL
);

CREATE TABLE "NotificationCursors" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_NotificationCursors" PRIMARY KEY,
    "LowWaterId" INTEGER NOT NULL
);

CREATE TABLE "NotificationHandledChanges" (
    "ChangeId" INTEGER NOT NULL CONSTRAINT "PK_NotificationHandledChanges" PRIMARY KEY,
    "HandledUtc" INTEGER NOT NULL
);

CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "MessageId" TEXT NOT NULL,
    "Template" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Culture" TEXT NOT NULL,
    "ValuesJson" TEXT NOT NULL,
    "DeduplicationKey" TEXT NULL,
    "UnsubscribeToken" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "NextAttemptUtc" INTEGER NOT NULL,
    "SentUtc" INTEGER NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresUtc" INTEGER NULL,
    "LastError" TEXT NOT NULL
);

CREATE TABLE "Subscriptions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Subscriptions" PRIMARY KEY AUTOINCREMENT,
    "Email" TEXT NOT NULL,
    "Topic" TEXT NOT NULL,
    "Frequency" INTEGER NOT NULL,
    "Culture" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    "CreatedUtc" INTEGER NOT NULL,
    "ConfirmedUtc" INTEGER NULL,
    "UnsubscribedUtc" INTEGER NULL,
    "LastDigestUtc" INTEGER NULL
);

CREATE TABLE "OutboxAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxAttachments" PRIMARY KEY AUTOINCREMENT,
    "OutboxMessageId" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    CONSTRAINT "FK_OutboxAttachments_OutboxMessages_OutboxMessageId" FOREIGN KEY ("OutboxMessageId") REFERENCES "OutboxMessages" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DigestEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DigestEntries" PRIMARY KEY AUTOINCREMENT,
    "SubscriptionId" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "ChangedUtc" INTEGER NOT NULL,
    CONSTRAINT "FK_DigestEntries_Subscriptions_SubscriptionId" FOREIGN KEY ("SubscriptionId") REFERENCES "Subscriptions" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_DigestEntries_SubscriptionId_Source_Key" ON "DigestEntries" ("SubscriptionId", "Source", "Key");

CREATE INDEX "IX_OutboxAttachments_OutboxMessageId" ON "OutboxAttachments" ("OutboxMessageId");

CREATE UNIQUE INDEX "IX_OutboxMessages_DeduplicationKey" ON "OutboxMessages" ("DeduplicationKey");

CREATE UNIQUE INDEX "IX_OutboxMessages_MessageId" ON "OutboxMessages" ("MessageId");

CREATE INDEX "IX_OutboxMessages_Status_NextAttemptUtc" ON "OutboxMessages" ("Status", "NextAttemptUtc");

CREATE UNIQUE INDEX "IX_Subscriptions_Email_Topic" ON "Subscriptions" ("Email", "Topic");

CREATE UNIQUE INDEX "IX_Subscriptions_Token" ON "Subscriptions" ("Token");

CREATE INDEX "IX_Subscriptions_Topic" ON "Subscriptions" ("Topic");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123141343_Notifications', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Comments_ConsultationId_Status_ArticleNumber_Disposition_GroupId" ON "Comments" ("ConsultationId", "Status", "ArticleNumber", "Disposition", "GroupId");

CREATE INDEX "IX_Comments_ConsultationId_SubmittedUtc_Id" ON "Comments" ("ConsultationId", "SubmittedUtc", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123193031_CommentPageIndexes', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Comments_ConsultationId_Email";

CREATE INDEX "IX_Comments_ConsultationId_Email_SubmittedUtc" ON "Comments" ("ConsultationId", "Email", "SubmittedUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123215851_CommentEmailTimeIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "StaffAuthenticatorSteps" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_StaffAuthenticatorSteps" PRIMARY KEY,
    "LastStep" INTEGER NOT NULL,
    CONSTRAINT "FK_StaffAuthenticatorSteps_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261124021533_AuthenticatorStepReplay', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Hearings" ADD "CancellationReason" TEXT NOT NULL DEFAULT '';

ALTER TABLE "Hearings" ADD "CancelledUtc" INTEGER NULL;

ALTER TABLE "Hearings" ADD "ScheduleRevision" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206235038_HearingCancellation', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "ContentChanges" ADD "Silent" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261207113554_ContentChangeSilent', '10.0.15');

COMMIT;

