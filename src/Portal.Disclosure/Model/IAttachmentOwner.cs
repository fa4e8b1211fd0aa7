namespace Portal.Disclosure.Model;

/// <summary>
/// Another module's content that carries attachments (<see cref="Attachment.OwnerKind"/>). The download endpoint asks
/// the owner whether the attachment is public now; an attachment of unknown kind is never served.
/// </summary>
public interface IAttachmentOwner
{
    string Kind { get; }

    Task<bool> IsPublicAsync(int ownerId, DateTimeOffset now, CancellationToken cancellationToken);
}
