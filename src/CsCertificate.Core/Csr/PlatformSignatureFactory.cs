// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using CsCertificate.Keys;
using Org.BouncyCastle.Crypto;

namespace CsCertificate.Csr;

/// <summary>
/// Lets BouncyCastle encode a request while the platform's provider signs it with the key it generated.
/// </summary>
internal sealed class PlatformSignatureFactory : ISignatureFactory
{
    private readonly KeyPair _key;

    public PlatformSignatureFactory(KeyPair key) => _key = key;

    public object AlgorithmDetails => _key.SignatureAlgorithm;

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(_key);

    /// <summary>Collects the bytes to sign and signs them when the result is asked for.</summary>
    private sealed class Calculator : IStreamCalculator<IBlockResult>
    {
        private readonly KeyPair _key;
        private readonly MemoryStream _buffer = new MemoryStream();

        public Calculator(KeyPair key) => _key = key;

        public Stream Stream => _buffer;

        public IBlockResult GetResult() => new SimpleBlockResult(_key.Sign(_buffer.ToArray()));
    }
}
