//===- Networking.cpp - hostname, fqdn and interfaces ---------------------===//
#include "Sources.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <memory>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace llvm;

namespace cppet::facts::detail {

namespace {

struct IfAddrsFree {
  void operator()(struct ifaddrs *A) const { freeifaddrs(A); }
};
struct AddrInfoFree {
  void operator()(struct addrinfo *A) const { freeaddrinfo(A); }
};

/// The hostname and domain as Facter resolves them: gethostname, then the
/// resolver's canonical name, then /etc/resolv.conf's domain or search.
void addHostnameFacts(Json &Net) {
  char Buf[256] = {};
  if (gethostname(Buf, sizeof(Buf) - 1) != 0)
    return;
  auto [Host, Domain] = StringRef(Buf).split('.');
  std::string Hostname = Host.str(), DomainName = Domain.str(), Fqdn;
  if (DomainName.empty() && !Hostname.empty()) {
    struct addrinfo Hints;
    std::memset(&Hints, 0, sizeof(Hints));
    Hints.ai_family = AF_UNSPEC;
    Hints.ai_socktype = SOCK_STREAM;
    Hints.ai_flags = AI_CANONNAME;
    struct addrinfo *Res = nullptr;
    if (getaddrinfo(Hostname.c_str(), nullptr, &Hints, &Res) == 0) {
      std::unique_ptr<struct addrinfo, AddrInfoFree> Owner(Res);
      if (Res && Res->ai_canonname && Hostname != Res->ai_canonname)
        Fqdn = Res->ai_canonname;
    }
    if (StringRef(Fqdn).startswith(Hostname + "."))
      DomainName = StringRef(Fqdn).split('.').second.str();
    else
      Fqdn.clear();
  }
  if (DomainName.empty())
    if (auto Resolv = readFile("/etc/resolv.conf"))
      DomainName = parseResolvConfDomain(*Resolv);
  if (Fqdn.empty())
    Fqdn = DomainName.empty() ? Hostname : Hostname + "." + DomainName;
  if (!DomainName.empty())
    Net["domain"] = DomainName;
  Net["fqdn"] = Fqdn;
  Net["hostname"] = Hostname;
}

std::string toString(int Family, const void *Addr) {
  char Buf[INET6_ADDRSTRLEN] = {};
  if (!inet_ntop(Family, Addr, Buf, sizeof(Buf)))
    return "";
  return Buf;
}

struct Binding {
  std::string Address, Netmask, Network;
  std::string Scope6;
  std::vector<std::string> Flags;
};

struct Interface {
  std::vector<Binding> V4, V6;
  std::string Mac;
  int64_t Mtu = -1;
};

/// /proc/net/if_inet6: scope and flags of each IPv6 address.
struct Inet6Info {
  std::string Scope;
  std::vector<std::string> Flags;
};
std::map<std::string, Inet6Info> readInet6Info() {
  std::map<std::string, Inet6Info> Out;
  auto Text = readFile("/proc/net/if_inet6");
  if (!Text)
    return Out;
  SmallVector<StringRef, 16> Lines;
  StringRef(*Text).split(Lines, '\n', -1, false);
  for (StringRef Line : Lines) {
    SmallVector<StringRef, 6> F;
    Line.split(F, ' ', -1, false);
    if (F.size() < 6 || F[0].size() != 32)
      continue;
    unsigned char Raw[16];
    bool Ok = true;
    for (int I = 0; I < 16; ++I) {
      unsigned V = 0;
      Ok &= !F[0].substr(static_cast<size_t>(I) * 2, 2).getAsInteger(16, V);
      Raw[I] = static_cast<unsigned char>(V);
    }
    unsigned Scope = 0, Flags = 0;
    if (!Ok || F[3].getAsInteger(16, Scope) || F[4].getAsInteger(16, Flags))
      continue;
    Inet6Info Info;
    switch (Scope & 0xf0) {
    case 0x00:
      Info.Scope = "global";
      break;
    case 0x10:
      Info.Scope = "host";
      break;
    case 0x20:
      Info.Scope = "link";
      break;
    case 0x40:
      Info.Scope = "site";
      break;
    default:
      Info.Scope = "compat";
    }
    static const std::pair<const char *, unsigned> Names[] = {
        {"temporary", 0x01}, {"noad", 0x02},        {"optimistic", 0x04},
        {"dadfailed", 0x08}, {"homeaddress", 0x10}, {"deprecated", 0x20},
        {"tentative", 0x40}, {"permanent", 0x80}};
    for (const auto &[Name, Bit] : Names)
      if (Flags & Bit)
        Info.Flags.emplace_back(Name);
    Out[toString(AF_INET6, Raw) + "%" + F[5].trim().str()] = Info;
  }
  return Out;
}

/// The interface of the default route in /proc/net/route (lowest metric).
std::string primaryInterface() {
  auto Text = readFile("/proc/net/route");
  if (!Text)
    return "";
  SmallVector<StringRef, 16> Lines;
  StringRef(*Text).split(Lines, '\n', -1, false);
  std::string Best;
  uint64_t BestMetric = UINT64_MAX;
  for (StringRef Line :
       ArrayRef<StringRef>(Lines).drop_front(Lines.empty() ? 0 : 1)) {
    SmallVector<StringRef, 12> F;
    Line.split(F, '\t', -1, false);
    uint64_t Metric = 0;
    if (F.size() < 8 || F[1] != "00000000" || F[7].trim() != "00000000" ||
        F[6].getAsInteger(10, Metric))
      continue;
    if (Metric < BestMetric) {
      BestMetric = Metric;
      Best = F[0].trim().str();
    }
  }
  return Best;
}

bool isLinkLocal(const std::string &A) {
  return StringRef(A).startswith("169.254.") ||
         StringRef(A).startswith_insensitive("fe80");
}

const Binding *preferred(const std::vector<Binding> &Bs) {
  for (const Binding &B : Bs)
    if (!isLinkLocal(B.Address))
      return &B;
  return Bs.empty() ? nullptr : &Bs.front();
}

Json bindingsJson(const std::vector<Binding> &Bs, bool V6) {
  Json Arr = Json::array();
  for (const Binding &B : Bs) {
    Json J = Json::object();
    J["address"] = B.Address;
    J["netmask"] = B.Netmask;
    J["network"] = B.Network;
    if (V6) {
      J["scope6"] = B.Scope6;
      J["flags"] = B.Flags;
    }
    Arr.push_back(J);
  }
  return Arr;
}

/// Adds ip/netmask/network (and the v6 variants), mac and mtu of one
/// interface to \p J (an interface hash or the networking hash).
void addSummary(Json &J, const Interface &I) {
  if (const Binding *B = preferred(I.V4)) {
    J["ip"] = B->Address;
    J["netmask"] = B->Netmask;
    J["network"] = B->Network;
  }
  if (const Binding *B = preferred(I.V6)) {
    J["ip6"] = B->Address;
    J["netmask6"] = B->Netmask;
    J["network6"] = B->Network;
    J["scope6"] = B->Scope6;
  }
  if (!I.Mac.empty())
    J["mac"] = I.Mac;
  if (I.Mtu >= 0)
    J["mtu"] = I.Mtu;
}

template <typename Addr> void maskAddress(Addr &A, const Addr &Mask) {
  auto *P = reinterpret_cast<unsigned char *>(&A);
  const auto *M = reinterpret_cast<const unsigned char *>(&Mask);
  for (size_t I = 0; I < sizeof(Addr); ++I)
    P[I] &= M[I];
}

} // namespace

void addNetworkingFacts(Json &F, Warnings &W) {
  Json Net = Json::object();
  addHostnameFacts(Net);

  struct ifaddrs *Raw = nullptr;
  if (getifaddrs(&Raw) != 0) {
    W.push_back(std::string("getifaddrs failed: ") + std::strerror(errno));
    F["networking"] = Net;
    return;
  }
  std::unique_ptr<struct ifaddrs, IfAddrsFree> Addrs(Raw);
  auto Inet6 = readInet6Info();
  std::map<std::string, Interface> Ifaces;
  for (struct ifaddrs *A = Raw; A; A = A->ifa_next) {
    if (!A->ifa_name || !A->ifa_addr)
      continue;
    Interface &I = Ifaces[A->ifa_name];
    int Family = A->ifa_addr->sa_family;
    if (Family == AF_INET && A->ifa_netmask) {
      auto Addr = reinterpret_cast<struct sockaddr_in *>(A->ifa_addr)->sin_addr;
      auto Mask =
          reinterpret_cast<struct sockaddr_in *>(A->ifa_netmask)->sin_addr;
      Binding B;
      B.Address = toString(AF_INET, &Addr);
      B.Netmask = toString(AF_INET, &Mask);
      maskAddress(Addr, Mask);
      B.Network = toString(AF_INET, &Addr);
      I.V4.push_back(B);
    } else if (Family == AF_INET6 && A->ifa_netmask) {
      auto Addr =
          reinterpret_cast<struct sockaddr_in6 *>(A->ifa_addr)->sin6_addr;
      auto Mask =
          reinterpret_cast<struct sockaddr_in6 *>(A->ifa_netmask)->sin6_addr;
      Binding B;
      B.Address = toString(AF_INET6, &Addr);
      B.Netmask = toString(AF_INET6, &Mask);
      maskAddress(Addr, Mask);
      B.Network = toString(AF_INET6, &Addr);
      auto Info = Inet6.find(B.Address + "%" + A->ifa_name);
      if (Info != Inet6.end()) {
        B.Scope6 = Info->second.Scope;
        B.Flags = Info->second.Flags;
      }
      I.V6.push_back(B);
    } else if (Family == AF_PACKET) {
      const auto *LL = reinterpret_cast<struct sockaddr_ll *>(A->ifa_addr);
      bool AllZero = true;
      std::string Mac;
      for (int K = 0; K < LL->sll_halen; ++K) {
        AllZero &= LL->sll_addr[K] == 0;
        if (K)
          Mac += ':';
        char Hex[4];
        std::snprintf(Hex, sizeof(Hex), "%02x", LL->sll_addr[K]);
        Mac += Hex;
      }
      if (LL->sll_halen == 6 && !AllZero)
        I.Mac = Mac;
    }
  }
  Json Interfaces = Json::object();
  for (auto &[Name, I] : Ifaces) {
    int64_t Mtu = 0;
    auto MtuText = readFile("/sys/class/net/" + Name + "/mtu");
    if (MtuText && !StringRef(*MtuText).trim().getAsInteger(10, Mtu))
      I.Mtu = Mtu;
    Json J = Json::object();
    if (!I.V4.empty())
      J["bindings"] = bindingsJson(I.V4, false);
    if (!I.V6.empty())
      J["bindings6"] = bindingsJson(I.V6, true);
    addSummary(J, I);
    Interfaces[Name] = J;
  }
  std::string Primary = primaryInterface();
  if (Primary.empty() || !Ifaces.count(Primary))
    for (auto &[Name, I] : Ifaces)
      if (Name != "lo" && !I.V4.empty()) {
        Primary = Name;
        break;
      }
  if (!Interfaces.empty())
    Net["interfaces"] = Interfaces;
  if (!Primary.empty() && Ifaces.count(Primary)) {
    addSummary(Net, Ifaces[Primary]);
    Net["primary"] = Primary;
  }
  F["networking"] = Net;
}

} // namespace cppet::facts::detail
