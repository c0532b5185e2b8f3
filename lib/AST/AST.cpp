//===- AST.cpp ------------------------------------------------------------===//
#include "cppet/AST/AST.h"

namespace cppet {
namespace ast {

const char *getBinaryOpSpelling(BinaryOp Op) {
  switch (Op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::Mod:
    return "%";
  case BinaryOp::Shl:
    return "<<";
  case BinaryOp::Shr:
    return ">>";
  case BinaryOp::Eq:
    return "==";
  case BinaryOp::Ne:
    return "!=";
  case BinaryOp::Lt:
    return "<";
  case BinaryOp::Le:
    return "<=";
  case BinaryOp::Gt:
    return ">";
  case BinaryOp::Ge:
    return ">=";
  case BinaryOp::Match:
    return "=~";
  case BinaryOp::NotMatch:
    return "!~";
  case BinaryOp::In:
    return "in";
  case BinaryOp::And:
    return "and";
  case BinaryOp::Or:
    return "or";
  }
  return "?";
}

const char *getKindName(Kind K) {
  switch (K) {
  case Kind::LiteralString:
    return "LiteralString";
  case Kind::ConcatString:
    return "ConcatString";
  case Kind::LiteralInteger:
    return "LiteralInteger";
  case Kind::LiteralFloat:
    return "LiteralFloat";
  case Kind::LiteralBoolean:
    return "LiteralBoolean";
  case Kind::LiteralUndef:
    return "LiteralUndef";
  case Kind::LiteralDefault:
    return "LiteralDefault";
  case Kind::LiteralRegex:
    return "LiteralRegex";
  case Kind::LiteralArray:
    return "LiteralArray";
  case Kind::LiteralHash:
    return "LiteralHash";
  case Kind::QualifiedName:
    return "QualifiedName";
  case Kind::QualifiedReference:
    return "QualifiedReference";
  case Kind::Variable:
    return "Variable";
  case Kind::Unary:
    return "Unary";
  case Kind::Binary:
    return "Binary";
  case Kind::Assignment:
    return "Assignment";
  case Kind::Relationship:
    return "Relationship";
  case Kind::Access:
    return "Access";
  case Kind::Selector:
    return "Selector";
  case Kind::Call:
    return "Call";
  case Kind::MethodCall:
    return "MethodCall";
  case Kind::Lambda:
    return "Lambda";
  case Kind::Block:
    return "Block";
  case Kind::If:
    return "If";
  case Kind::Case:
    return "Case";
  case Kind::Resource:
    return "Resource";
  case Kind::ResourceDefaults:
    return "ResourceDefaults";
  case Kind::ResourceOverride:
    return "ResourceOverride";
  case Kind::Collector:
    return "Collector";
  case Kind::QueryOp:
    return "QueryOp";
  case Kind::Import:
    return "Import";
  case Kind::EppRender:
    return "EppRender";
  case Kind::EppText:
    return "EppText";
  case Kind::ClassDef:
    return "ClassDef";
  case Kind::DefineDef:
    return "DefineDef";
  case Kind::NodeDef:
    return "NodeDef";
  case Kind::FunctionDef:
    return "FunctionDef";
  case Kind::TypeAlias:
    return "TypeAlias";
  }
  return "?";
}

} // namespace ast
} // namespace cppet
