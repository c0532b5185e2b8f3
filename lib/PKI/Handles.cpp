//===- Handles.cpp - OpenSSL glue shared by lib/PKI -----------------------===//
#include "Handles.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <arpa/inet.h>

namespace cppet::pki {

llvm::Error opensslError(const llvm::Twine &Message) {
  std::string Text = Message.str();
  bool First = true;
  while (unsigned long Code = ERR_get_error()) {
    char Buf[256];
    ERR_error_string_n(Code, Buf, sizeof(Buf));
    Text += First ? ": " : "; ";
    Text += Buf;
    First = false;
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Text);
}

static BioPtr memoryBio(llvm::StringRef Data) {
  return BioPtr(BIO_new_mem_buf(Data.data(), static_cast<int>(Data.size())));
}

static std::string drain(BIO *B) {
  char *Data = nullptr;
  long Len = BIO_get_mem_data(B, &Data);
  return std::string(Data, Len > 0 ? static_cast<size_t>(Len) : 0);
}

template <typename Fn> static std::string writeToString(Fn Write) {
  BioPtr B(BIO_new(BIO_s_mem()));
  if (!B || !Write(B.get()))
    return "";
  return drain(B.get());
}

llvm::Expected<PKeyPtr> parsePrivateKey(llvm::StringRef Pem) {
  BioPtr B = memoryBio(Pem);
  PKeyPtr Key(PEM_read_bio_PrivateKey(B.get(), nullptr, nullptr, nullptr));
  if (!Key)
    return opensslError("cannot read the private key");
  return Key;
}

llvm::Expected<X509Ptr> parseCertificate(llvm::StringRef Pem) {
  BioPtr B = memoryBio(Pem);
  X509Ptr Cert(PEM_read_bio_X509(B.get(), nullptr, nullptr, nullptr));
  if (!Cert)
    return opensslError("cannot read the certificate");
  return Cert;
}

llvm::Expected<ReqPtr> parseRequest(llvm::StringRef Pem) {
  BioPtr B = memoryBio(Pem);
  ReqPtr Req(PEM_read_bio_X509_REQ(B.get(), nullptr, nullptr, nullptr));
  if (!Req)
    return opensslError("cannot read the certificate request");
  return Req;
}

llvm::Expected<CrlPtr> parseCrl(llvm::StringRef Pem) {
  BioPtr B = memoryBio(Pem);
  CrlPtr Crl(PEM_read_bio_X509_CRL(B.get(), nullptr, nullptr, nullptr));
  if (!Crl)
    return opensslError("cannot read the certificate revocation list");
  return Crl;
}

std::string privateKeyPem(EVP_PKEY *Key) {
  return writeToString([&](BIO *B) {
    return PEM_write_bio_PrivateKey_traditional(B, Key, nullptr, nullptr, 0,
                                                nullptr, nullptr) == 1;
  });
}

std::string publicKeyPem(EVP_PKEY *Key) {
  return writeToString(
      [&](BIO *B) { return PEM_write_bio_PUBKEY(B, Key) == 1; });
}

std::string certificatePemOf(X509 *Cert) {
  return writeToString([&](BIO *B) { return PEM_write_bio_X509(B, Cert); });
}

std::string requestPemOf(X509_REQ *Req) {
  return writeToString([&](BIO *B) { return PEM_write_bio_X509_REQ(B, Req); });
}

std::string crlPemOf(X509_CRL *Crl) {
  return writeToString([&](BIO *B) { return PEM_write_bio_X509_CRL(B, Crl); });
}

std::string fingerprintOf(llvm::StringRef Der, const EVP_MD *MD) {
  unsigned char Digest[EVP_MAX_MD_SIZE];
  unsigned Len = 0;
  EVP_Digest(Der.data(), Der.size(), Digest, &Len, MD, nullptr);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (unsigned I = 0; I < Len; ++I) {
    if (I)
      OS << ':';
    OS << llvm::format_hex_no_prefix(Digest[I], 2, /*Upper=*/true);
  }
  return OS.str();
}

template <typename T, int (*ToDer)(const T *, unsigned char **)>
static std::string toDer(T *Obj) {
  unsigned char *Buf = nullptr;
  int Len = ToDer(Obj, &Buf);
  if (Len <= 0)
    return "";
  std::string Out(reinterpret_cast<char *>(Buf), static_cast<size_t>(Len));
  OPENSSL_free(Buf);
  return Out;
}

std::string derOf(X509 *Cert) { return toDer<X509, i2d_X509>(Cert); }
std::string derOf(X509_REQ *Req) { return toDer<X509_REQ, i2d_X509_REQ>(Req); }

std::string oidText(const ASN1_OBJECT *Obj) {
  char Buf[128];
  int Len = OBJ_obj2txt(Buf, sizeof(Buf), Obj, /*no_name=*/1);
  return Len > 0 ? std::string(Buf, std::min<size_t>(Len, sizeof(Buf) - 1))
                 : std::string();
}

static std::string hexOf(const unsigned char *Data, size_t Len) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  for (size_t I = 0; I < Len; ++I)
    OS << llvm::format_hex_no_prefix(Data[I], 2);
  return OS.str();
}

std::string extensionValueText(const ASN1_OCTET_STRING *Data) {
  const unsigned char *P = ASN1_STRING_get0_data(Data);
  long Len = ASN1_STRING_length(Data);
  const unsigned char *Cursor = P;
  OpenSSLPtr<ASN1_TYPE, ASN1_TYPE_free> Type(
      d2i_ASN1_TYPE(nullptr, &Cursor, Len));
  if (Type) {
    switch (Type->type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING:
    case V_ASN1_VISIBLESTRING: {
      const ASN1_STRING *S = Type->value.asn1_string;
      return std::string(
          reinterpret_cast<const char *>(ASN1_STRING_get0_data(S)),
          static_cast<size_t>(ASN1_STRING_length(S)));
    }
    default:
      break;
    }
  }
  ERR_clear_error();
  return hexOf(P, static_cast<size_t>(Len));
}

std::vector<std::string> generalNamesText(const GENERAL_NAMES *Names) {
  std::vector<std::string> Out;
  for (int I = 0; I < sk_GENERAL_NAME_num(Names); ++I) {
    const GENERAL_NAME *N = sk_GENERAL_NAME_value(Names, I);
    if (N->type == GEN_DNS) {
      const ASN1_IA5STRING *S = N->d.dNSName;
      Out.push_back(
          "DNS:" +
          std::string(reinterpret_cast<const char *>(ASN1_STRING_get0_data(S)),
                      static_cast<size_t>(ASN1_STRING_length(S))));
    } else if (N->type == GEN_IPADD) {
      const ASN1_OCTET_STRING *S = N->d.iPAddress;
      char Buf[INET6_ADDRSTRLEN] = {0};
      int Len = ASN1_STRING_length(S);
      int Family = Len == 4 ? AF_INET : Len == 16 ? AF_INET6 : 0;
      if (Family &&
          inet_ntop(Family, ASN1_STRING_get0_data(S), Buf, sizeof(Buf)))
        Out.push_back(std::string("IP:") + Buf);
    }
  }
  return Out;
}

std::string commonNameOf(const X509_NAME *Name) {
  int Index = X509_NAME_get_index_by_NID(Name, NID_commonName, -1);
  if (Index < 0)
    return "";
  const ASN1_STRING *S =
      X509_NAME_ENTRY_get_data(X509_NAME_get_entry(Name, Index));
  unsigned char *Utf8 = nullptr;
  int Len = ASN1_STRING_to_UTF8(&Utf8, S);
  if (Len < 0)
    return "";
  std::string Out(reinterpret_cast<char *>(Utf8), static_cast<size_t>(Len));
  OPENSSL_free(Utf8);
  return Out;
}

ExtPtr utf8Extension(const ASN1_OBJECT *Oid, llvm::StringRef Value) {
  OpenSSLPtr<ASN1_UTF8STRING, ASN1_UTF8STRING_free> Str(ASN1_UTF8STRING_new());
  ASN1_STRING_set(Str.get(), Value.data(), static_cast<int>(Value.size()));
  unsigned char *Der = nullptr;
  int Len = i2d_ASN1_UTF8STRING(Str.get(), &Der);
  if (Len <= 0)
    return nullptr;
  OctetPtr Octets(ASN1_OCTET_STRING_new());
  ASN1_OCTET_STRING_set(Octets.get(), Der, Len);
  OPENSSL_free(Der);
  return ExtPtr(X509_EXTENSION_create_by_OBJ(nullptr, Oid, 0, Octets.get()));
}

std::string puppetTime(const ASN1_TIME *T) {
  struct tm Tm = {};
  if (!T || ASN1_TIME_to_tm(T, &Tm) != 1)
    return "";
  char Buf[64];
  strftime(Buf, sizeof(Buf), "%Y-%m-%dT%H:%M:%SUTC", &Tm);
  return Buf;
}

} // namespace cppet::pki
