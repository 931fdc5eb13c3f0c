// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;

namespace CsCertificate.Certificates;

/// <summary>
/// Reads the certificates out of whatever a CA or an administrator hands back: DER or PEM certificates and chains,
/// PKCS#7 "certs-only" files, CMC full responses, bare base64 as AD CS returns it, in UTF-8 or UTF-16 text. A
/// PKCS#12 file is only recognised, since it needs its password.
/// </summary>
/// <remarks>
/// Every input is bounded (size, PEM blocks, certificates, ASN.1 nesting) and its framing is checked by
/// <see cref="BerScanner"/> before BouncyCastle parses it, so hostile input ends in a
/// <see cref="CsCertificateException"/> and never in a crash. Certificates are returned as their DER encoding.
/// </remarks>
internal static class CertificateResponseReader
{
    /// <summary>The largest input accepted, in bytes; a chain of a few certificates takes a few kilobytes.</summary>
    public const int MaxContentBytes = 16 * 1024 * 1024;

    /// <summary>The most PEM blocks read from one text.</summary>
    public const int MaxPemBlocks = 100;

    /// <summary>The most certificates returned; a certificate and its chain are rarely more than five.</summary>
    public const int MaxCertificates = 100;

    /// <summary>The deepest ASN.1 nesting accepted; certificates and CMS signed data stay under 20 levels.</summary>
    public const int MaxAsn1Depth = 48;

    private const byte SequenceIdentifier = 0x30;

    /// <summary>The labels under which a block must hold certificates, so that a broken one is an error, not noise.</summary>
    private static readonly HashSet<string> s_certificateLabels = new HashSet<string>(StringComparer.Ordinal)
    {
        "CERTIFICATE",
        "X509 CERTIFICATE",
        "TRUSTED CERTIFICATE",
        "PKCS7",
        "PKCS #7 SIGNED DATA",
        "CMS",
    };

    private enum Kind
    {
        Certificates,
        NoCertificates,
        CertificateRequest,
        PrivateKey,
        Pkcs12,
        TooManyCertificates,
        Unrecognized,
    }

    /// <summary>Reads the certificates in <paramref name="content"/>.</summary>
    /// <param name="content">The bytes of the file or of the CA's answer.</param>
    /// <param name="source">Names the content in messages, used as given: a path, or "the CA's answer".</param>
    /// <returns>Every certificate as DER in the order found, or an empty list with IsPkcs12 for a binary PFX.</returns>
    /// <exception cref="CsCertificateException">The content holds no readable certificate.</exception>
    public static CertificateResponse Read(byte[] content, string source)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        if (content.Length == 0)
        {
            throw Invalid(source, Messages.Format(Strings.ResponseEmpty, source));
        }

        if (content.Length > MaxContentBytes)
        {
            throw Invalid(source, Messages.Format(Strings.ResponseTooLarge, source, content.Length, MaxContentBytes));
        }

        // Every binary form is an ASN.1 SEQUENCE; text never starts with '0' (base64 of DER starts with 'M').
        if (content[0] == SequenceIdentifier)
        {
            return ReadBinary(content, source);
        }

        string? text = TextDecoder.Decode(content);
        if (text == null)
        {
            throw NotRecognized(source, Messages.Format(Strings.ResponseDetailNotText), null);
        }

        return PemText.HasBlocks(text) ? ReadPem(text, source) : ReadBase64(text, source);
    }

    private static CertificateResponse ReadBinary(byte[] content, string source)
    {
        var certificates = new List<byte[]>();
        Finding finding = Classify(content, certificates, allowTrailingData: false);
        if (finding.Kind == Kind.Pkcs12)
        {
            return new CertificateResponse(Array.Empty<byte[]>(), IsPkcs12: true);
        }

        return finding.Kind == Kind.Certificates
            ? new CertificateResponse(certificates, IsPkcs12: false)
            : throw Refusal(source, finding);
    }

    /// <summary>Reads base64 without PEM boundaries, as ICertRequest::GetCertificate(CR_OUT_BASE64) returns it.</summary>
    private static CertificateResponse ReadBase64(string text, string source)
    {
        byte[]? der = PemText.DecodeBase64(text);
        if (der == null)
        {
            throw NotRecognized(source, Messages.Format(Strings.ResponseDetailNotText), null);
        }

        var certificates = new List<byte[]>();
        Finding finding = Classify(der, certificates, allowTrailingData: false);
        return finding.Kind == Kind.Certificates
            ? new CertificateResponse(certificates, IsPkcs12: false)
            : throw Refusal(source, finding);
    }

    /// <summary>
    /// Reads every PEM block whatever its label says (Windows writes PKCS#7 under CERTIFICATE). Blocks of other
    /// kinds that come along with certificates, such as a CRL or a key, are skipped; key blocks are never decoded.
    /// </summary>
    private static CertificateResponse ReadPem(string text, string source)
    {
        List<PemBlock> blocks = PemText.Parse(text, MaxPemBlocks);
        if (blocks.Count > MaxPemBlocks)
        {
            throw Invalid(source, Messages.Format(Strings.ResponseTooManyPemBlocks, source, MaxPemBlocks));
        }

        if (blocks.Count == 0)
        {
            throw NotRecognized(source, Messages.Format(Strings.ResponseDetailNotText), null);
        }

        var certificates = new List<byte[]>();
        var seen = new HashSet<Kind>();
        foreach (PemBlock block in blocks)
        {
            if (!block.IsTerminated)
            {
                throw Invalid(source, Messages.Format(Strings.ResponsePemBlockUnterminated, source, block.Label, block.Line));
            }

            if (block.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                seen.Add(Kind.PrivateKey);
                continue;
            }

            bool mustHoldCertificates = s_certificateLabels.Contains(block.Label);
            byte[]? der = PemText.DecodeBase64(block.Body);
            if (der == null)
            {
                if (mustHoldCertificates)
                {
                    throw Invalid(source, Messages.Format(Strings.ResponsePemBlockNotBase64, source, block.Label, block.Line));
                }

                continue;
            }

            // OpenSSL's TRUSTED CERTIFICATE is a certificate followed by its trust settings.
            Finding finding = Classify(der, certificates, allowTrailingData: block.Label == "TRUSTED CERTIFICATE");
            switch (finding.Kind)
            {
                case Kind.TooManyCertificates:
                    throw Refusal(source, finding);
                case Kind.Unrecognized when mustHoldCertificates:
                    throw Invalid(
                        source,
                        Messages.Format(Strings.ResponsePemBlockUnreadable, source, block.Label, block.Line, finding.Detail),
                        finding.Error);
                default:
                    seen.Add(finding.Kind);
                    break;
            }
        }

        if (certificates.Count > 0)
        {
            return new CertificateResponse(certificates, IsPkcs12: false);
        }

        // Nothing usable: name the most telling thing that was there.
        foreach (Kind kind in new[] { Kind.CertificateRequest, Kind.PrivateKey, Kind.Pkcs12, Kind.NoCertificates })
        {
            if (seen.Contains(kind))
            {
                throw Refusal(source, new Finding(kind));
            }
        }

        string labels = string.Join(", ", blocks.Select(b => b.Label).Distinct(StringComparer.Ordinal));
        throw Invalid(source, Messages.Format(Strings.ResponsePemNoCertificate, source, labels));
    }

    /// <summary>
    /// Tells what one DER or BER blob is and adds the certificates it holds to <paramref name="certificates"/>.
    /// </summary>
    private static Finding Classify(byte[] der, List<byte[]> certificates, bool allowTrailingData)
    {
        switch (BerScanner.Scan(der, MaxAsn1Depth, out int end))
        {
            case BerScanStatus.TooDeep:
                return Unrecognized(Messages.Format(Strings.ResponseDetailAsn1TooDeep, MaxAsn1Depth));
            case BerScanStatus.Malformed:
                return Unrecognized(Messages.Format(Strings.ResponseDetailAsn1Malformed, end));
        }

        if (end < der.Length)
        {
            if (!allowTrailingData)
            {
                return Unrecognized(Messages.Format(Strings.ResponseDetailTrailingData, der.Length - end, end));
            }

            Array.Resize(ref der, end);
        }

        try
        {
            return Classify(Asn1Object.FromByteArray(der), certificates);
        }
        catch (Exception ex) when (IsParserFailure(ex))
        {
            return new Finding(Kind.Unrecognized, ex.Message, ex);
        }
    }

    private static Finding Classify(Asn1Object asn1, List<byte[]> certificates)
    {
        if (asn1 is not Asn1Sequence sequence || sequence.Count == 0)
        {
            return Unrecognized(Messages.Format(Strings.ResponseDetailOtherStructure));
        }

        Asn1Encodable first = sequence[0];

        // Certificate and CertificationRequest share the outer shape: { body, signatureAlgorithm, signature }.
        if (sequence.Count == 3 && first is Asn1Sequence body && sequence[1] is Asn1Sequence && sequence[2] is DerBitString)
        {
            if (IsCertificationRequestInfo(body))
            {
                CertificationRequest.GetInstance(sequence);
                return new Finding(Kind.CertificateRequest);
            }

            return Add(certificates, X509CertificateStructure.GetInstance(sequence))
                ? new Finding(Kind.Certificates)
                : new Finding(Kind.TooManyCertificates);
        }

        // PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL } (RFC 7292).
        if (first is DerInteger pfxVersion && pfxVersion.HasValue(3) && sequence.Count <= 3
            && sequence[1] is Asn1Sequence authSafe && authSafe.Count > 0 && authSafe[0] is DerObjectIdentifier)
        {
            Pfx.GetInstance(sequence);
            return new Finding(Kind.Pkcs12);
        }

        // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content }: .p7b files and CMC full responses.
        if (first is DerObjectIdentifier contentType)
        {
            if (contentType.Equals(CmsObjectIdentifiers.SignedData) && sequence.Count == 2
                && sequence[1] is Asn1TaggedObject content && content.HasContextTag(0))
            {
                return ReadSignedData(SignedData.GetInstance(content.GetExplicitBaseObject()), certificates);
            }

            return Unrecognized(Messages.Format(Strings.ResponseDetailCmsContentType, contentType.Id));
        }

        // A SignedData without its ContentInfo wrapper: { version, digestAlgorithms SET, encapContentInfo, ... }.
        if (first is DerInteger && sequence.Count >= 4 && sequence[1] is Asn1Set && sequence[2] is Asn1Sequence)
        {
            return ReadSignedData(SignedData.GetInstance(sequence), certificates);
        }

        return IsPrivateKey(sequence)
            ? new Finding(Kind.PrivateKey)
            : Unrecognized(Messages.Format(Strings.ResponseDetailOtherStructure));
    }

    /// <summary>
    /// Takes the certificates set of a SignedData, whatever its eContent (none for certs-only, a CMC PKIResponse
    /// for a full response). Attribute certificates and other CertificateChoices are skipped.
    /// </summary>
    private static Finding ReadSignedData(SignedData signedData, List<byte[]> certificates)
    {
        int before = certificates.Count;
        Asn1Set? set = signedData.Certificates;
        if (set != null)
        {
            foreach (Asn1Encodable element in set)
            {
                if (element is Asn1Sequence certificate && !Add(certificates, X509CertificateStructure.GetInstance(certificate)))
                {
                    return new Finding(Kind.TooManyCertificates);
                }
            }
        }

        return new Finding(certificates.Count > before ? Kind.Certificates : Kind.NoCertificates);
    }

    private static bool Add(List<byte[]> certificates, X509CertificateStructure certificate)
    {
        if (certificates.Count >= MaxCertificates)
        {
            return false;
        }

        certificates.Add(certificate.GetEncoded(Asn1Encodable.Der));
        return true;
    }

    /// <summary>
    /// CertificationRequestInfo ::= SEQUENCE { version INTEGER (0), subject Name, subjectPKInfo, [0] attributes }.
    /// A TBSCertificate has at least six elements, so the two cannot be confused.
    /// </summary>
    private static bool IsCertificationRequestInfo(Asn1Sequence body) =>
        (body.Count == 3 || (body.Count == 4 && body[3] is Asn1TaggedObject))
        && body[0] is DerInteger version && version.HasValue(0)
        && body[1] is Asn1Sequence
        && body[2] is Asn1Sequence;

    /// <summary>Recognises the DER private key forms: PKCS#8 (plain or encrypted), RSA and DSA, and EC (SEC 1).</summary>
    private static bool IsPrivateKey(Asn1Sequence sequence)
    {
        Asn1Encodable first = sequence[0];
        bool algorithmThenOctets = sequence.Count >= 2 && sequence[1] is Asn1OctetString;

        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }.
        if (sequence.Count == 2 && first is Asn1Sequence algorithm && algorithm.Count > 0 && algorithm[0] is DerObjectIdentifier && algorithmThenOctets)
        {
            return true;
        }

        if (first is not DerInteger version)
        {
            return false;
        }

        // PrivateKeyInfo / OneAsymmetricKey ::= SEQUENCE { version (0 or 1), privateKeyAlgorithm, privateKey OCTET STRING, ... }.
        if (sequence.Count >= 3 && (version.HasValue(0) || version.HasValue(1)) && sequence[1] is Asn1Sequence && sequence[2] is Asn1OctetString)
        {
            return true;
        }

        // ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING, [0] parameters, [1] publicKey }.
        if (sequence.Count <= 4 && version.HasValue(1) && algorithmThenOctets)
        {
            return true;
        }

        // RSAPrivateKey (nine INTEGERs) and OpenSSL's DSA key (six), both starting with version 0.
        return sequence.Count >= 6 && version.HasValue(0) && sequence.Cast<Asn1Encodable>().Take(6).All(e => e is DerInteger);
    }

    /// <summary>
    /// The exceptions BouncyCastle raises for malformed input (Asn1Exception and EndOfStreamException are
    /// IOExceptions, Asn1ParsingException an InvalidOperationException). Anything else is a bug and is not hidden.
    /// </summary>
    private static bool IsParserFailure(Exception ex) =>
        ex is IOException
        || ex is ArgumentException
        || ex is InvalidCastException
        || ex is InvalidOperationException
        || ex is FormatException
        || ex is ArithmeticException
        || ex is IndexOutOfRangeException
        || ex is NotSupportedException;

    private static Finding Unrecognized(string detail) => new Finding(Kind.Unrecognized, detail, null);

    private static CsCertificateException Refusal(string source, Finding finding)
    {
        switch (finding.Kind)
        {
            case Kind.CertificateRequest:
                return Invalid(source, Messages.Format(Strings.ResponseIsCertificateRequest, source));
            case Kind.PrivateKey:
                return Invalid(source, Messages.Format(Strings.ResponseIsPrivateKey, source));
            case Kind.Pkcs12:
                return Invalid(source, Messages.Format(Strings.ResponseIsPkcs12Text, source));
            case Kind.NoCertificates:
                return Invalid(source, Messages.Format(Strings.ResponseNoCertificates, source));
            case Kind.TooManyCertificates:
                return Invalid(source, Messages.Format(Strings.ResponseTooManyCertificates, source, MaxCertificates));
            default:
                return NotRecognized(source, finding.Detail, finding.Error);
        }
    }

    private static CsCertificateException NotRecognized(string source, string detail, Exception? inner) =>
        Invalid(source, Messages.Format(Strings.ResponseNotRecognized, source, detail), inner);

    private static CsCertificateException Invalid(string source, string message, Exception? inner = null) =>
        new CsCertificateException(ErrorIds.CertificateResponseInvalid, ErrorKind.InvalidData, message, source, inner);

    /// <summary>What one blob turned out to be; the detail and error explain an unrecognised one.</summary>
    private readonly struct Finding
    {
        public Finding(Kind kind, string detail = "", Exception? error = null)
        {
            Kind = kind;
            Detail = detail;
            Error = error;
        }

        public Kind Kind { get; }

        public string Detail { get; }

        public Exception? Error { get; }
    }
}
