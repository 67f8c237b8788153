#include "analytics/formula.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace zx::analytics {

struct FormulaNode {
  enum Kind { kNumber, kRef, kNeg, kAdd, kSub, kMul, kDiv } kind = kNumber;
  double number = 0;
  std::string name;
  std::shared_ptr<const FormulaNode> a, b;
};

namespace {

using Node = std::shared_ptr<const FormulaNode>;
constexpr int kMaxDepth = 64;
constexpr size_t kMaxLength = 2000;

class Parser {
 public:
  Parser(std::string_view text, std::string_view field) : s_(text), field_(field) {}

  Result<Node> Run() {
    if (s_.size() > kMaxLength) return Error("公式过长（最多 2000 个字符）");
    auto e = Expr(0);
    if (!e.ok()) return e;
    Skip();
    if (pos_ != s_.size()) return Error("多余的内容");
    return e;
  }
  std::vector<std::string> refs;

 private:
  Status Error(const std::string& why) const {
    return Status::InvalidArgument("公式第 " + std::to_string(pos_ + 1) + " 个字符处: " + why, std::string(field_));
  }
  void Skip() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  static Node Make(FormulaNode::Kind k, Node a, Node b) {
    auto n = std::make_shared<FormulaNode>();
    n->kind = k;
    n->a = std::move(a);
    n->b = std::move(b);
    return n;
  }

  Result<Node> Expr(int depth) {
    ZX_ASSIGN_OR_RETURN(Node left, Term(depth));
    for (;;) {
      if (Eat('+')) {
        ZX_ASSIGN_OR_RETURN(Node right, Term(depth));
        left = Make(FormulaNode::kAdd, left, right);
      } else if (Eat('-')) {
        ZX_ASSIGN_OR_RETURN(Node right, Term(depth));
        left = Make(FormulaNode::kSub, left, right);
      } else {
        return left;
      }
    }
  }

  Result<Node> Term(int depth) {
    ZX_ASSIGN_OR_RETURN(Node left, Factor(depth));
    for (;;) {
      if (Eat('*')) {
        ZX_ASSIGN_OR_RETURN(Node right, Factor(depth));
        left = Make(FormulaNode::kMul, left, right);
      } else if (Eat('/')) {
        size_t at = pos_;
        ZX_ASSIGN_OR_RETURN(Node right, Factor(depth));
        if (auto v = Constant(*right); v && *v == 0) {
          pos_ = at;
          return Error("除数恒为零");
        }
        left = Make(FormulaNode::kDiv, left, right);
      } else {
        return left;
      }
    }
  }

  Result<Node> Factor(int depth) {
    if (depth > kMaxDepth) return Error("括号嵌套过深");
    Skip();
    if (pos_ >= s_.size()) return Error("公式不完整，缺少数值或引用");
    char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      ZX_ASSIGN_OR_RETURN(Node inner, Expr(depth + 1));
      if (!Eat(')')) return Error("缺少右括号 )");
      return inner;
    }
    if (c == '-') {
      ++pos_;
      ZX_ASSIGN_OR_RETURN(Node inner, Factor(depth + 1));
      return Make(FormulaNode::kNeg, inner, nullptr);
    }
    if (c == '#') {
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '{') return Error("引用应写作 #{名称}");
      size_t start = pos_ + 2;
      size_t end = s_.find('}', start);
      if (end == std::string_view::npos) return Error("引用缺少右花括号 }");
      std::string name(s_.substr(start, end - start));
      bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
      });
      if (!ok) {
        pos_ = start;
        return Error("名称只能包含小写字母、数字、下划线和点");
      }
      pos_ = end + 1;
      if (std::find(refs.begin(), refs.end(), name) == refs.end()) refs.push_back(name);
      auto n = std::make_shared<FormulaNode>();
      n->kind = FormulaNode::kRef;
      n->name = std::move(name);
      return Node(n);
    }
    if ((c >= '0' && c <= '9') || c == '.') {
      size_t start = pos_;
      while (pos_ < s_.size() && ((s_[pos_] >= '0' && s_[pos_] <= '9') || s_[pos_] == '.')) ++pos_;
      std::string digits(s_.substr(start, pos_ - start));
      if (std::count(digits.begin(), digits.end(), '.') > 1 || digits == ".") {
        pos_ = start;
        return Error("数字格式不对");
      }
      auto n = std::make_shared<FormulaNode>();
      n->number = std::strtod(digits.c_str(), nullptr);
      return Node(n);
    }
    return Error(std::string("无法识别的字符 '") + (static_cast<unsigned char>(c) < 0x80 ? std::string(1, c) : "…") + "'");
  }

  // The value of a subtree without references, if it has none.
  static std::optional<double> Constant(const FormulaNode& n) {
    switch (n.kind) {
      case FormulaNode::kNumber: return n.number;
      case FormulaNode::kRef: return std::nullopt;
      case FormulaNode::kNeg: {
        auto a = Constant(*n.a);
        if (!a) return std::nullopt;
        return -*a;
      }
      default: break;
    }
    auto a = Constant(*n.a), b = Constant(*n.b);
    if (!a || !b) return std::nullopt;
    switch (n.kind) {
      case FormulaNode::kAdd: return *a + *b;
      case FormulaNode::kSub: return *a - *b;
      case FormulaNode::kMul: return *a * *b;
      case FormulaNode::kDiv: return *b == 0 ? std::nullopt : std::optional<double>(*a / *b);
      default: return std::nullopt;
    }
  }

  std::string_view s_;
  std::string_view field_;
  size_t pos_ = 0;
};

std::optional<double> Eval(const FormulaNode& n, const Formula::Lookup& lookup) {
  switch (n.kind) {
    case FormulaNode::kNumber: return n.number;
    case FormulaNode::kRef: return lookup(n.name);
    case FormulaNode::kNeg: {
      auto a = Eval(*n.a, lookup);
      if (!a) return std::nullopt;
      return -*a;
    }
    default: break;
  }
  auto a = Eval(*n.a, lookup);
  if (!a) return std::nullopt;
  auto b = Eval(*n.b, lookup);
  if (!b) return std::nullopt;
  double r = 0;
  switch (n.kind) {
    case FormulaNode::kAdd: r = *a + *b; break;
    case FormulaNode::kSub: r = *a - *b; break;
    case FormulaNode::kMul: r = *a * *b; break;
    case FormulaNode::kDiv:
      if (*b == 0) return std::nullopt;
      r = *a / *b;
      break;
    default: return std::nullopt;
  }
  if (!std::isfinite(r)) return std::nullopt;
  return r;
}

}  // namespace

Result<Formula> Formula::Parse(std::string_view text, std::string_view field) {
  Parser p(text, field);
  ZX_ASSIGN_OR_RETURN(Node root, p.Run());
  Formula f;
  f.root_ = std::move(root);
  f.refs_ = std::move(p.refs);
  f.text_ = std::string(text);
  return f;
}

std::optional<double> Formula::Evaluate(const Lookup& lookup) const {
  if (!root_) return std::nullopt;
  return Eval(*root_, lookup);
}

}  // namespace zx::analytics
