// Aggregate functions: count, sum, avg, min, max, collect. Nulls never reach update().
#include <cmath>

#include "base/error.h"
#include "function/builtin/builtins.h"
#include "value/value_ops.h"

namespace quiver::function::builtin {

namespace {

class CountState final : public AggregateState {
public:
    void update(const Value&) override { ++n_; }
    Value result() const override { return Value::integer(n_); }

private:
    int64_t n_ = 0;
};

class SumState final : public AggregateState {
public:
    void update(const Value& v) override {
        if (!v.is_number()) bad_type("sum", v, "NUMBER");
        if (v.is_float() || is_float_) {
            if (!is_float_) {
                is_float_ = true;
                f_ = static_cast<double>(i_);
            }
            f_ += v.as_number();
            return;
        }
        if (__builtin_add_overflow(i_, v.as_int(), &i_))
            throw QuiverError(std::string(status::ArithmeticError), "integer overflow",
                              "IntegerOverflow", ErrorPhase::Runtime);
    }
    Value result() const override { return is_float_ ? Value::float64(f_) : Value::integer(i_); }

private:
    bool is_float_ = false;
    int64_t i_ = 0;
    double f_ = 0;
};

// Mean as sum / count: an exact integer sum while it fits, a float sum otherwise.
class AvgState final : public AggregateState {
public:
    void update(const Value& v) override {
        if (!v.is_number()) bad_type("avg", v, "NUMBER");
        ++n_;
        int64_t t = 0;
        if (v.is_int() && exact_ && !__builtin_add_overflow(isum_, v.as_int(), &t)) {
            isum_ = t;
            return;
        }
        if (exact_) {
            exact_ = false;
            fsum_ = static_cast<double>(isum_);
            if (v.is_int()) {
                fsum_ += static_cast<double>(v.as_int());
                return;
            }
        }
        fsum_ += v.as_number();
    }
    Value result() const override {
        if (!n_) return Value();
        double sum = exact_ ? static_cast<double>(isum_) : fsum_;
        return Value::float64(sum / static_cast<double>(n_));
    }

private:
    int64_t n_ = 0;
    bool exact_ = true;
    int64_t isum_ = 0;
    double fsum_ = 0;
};

template <bool kMax>
class ExtremeState final : public AggregateState {
public:
    void update(const Value& v) override {
        if (!have_) {
            best_ = v;
            have_ = true;
            return;
        }
        int c = order_compare(v, best_);
        if (kMax ? c > 0 : c < 0) best_ = v;
    }
    Value result() const override { return best_; }

private:
    bool have_ = false;
    Value best_;
};

class CollectState final : public AggregateState {
public:
    void update(const Value& v) override { items_.push_back(v); }
    Value result() const override { return Value::list(items_); }

private:
    ValueList items_;
};

template <class T>
std::unique_ptr<AggregateState> make_state() {
    return std::make_unique<T>();
}

const AggregateFunction kAggregates[] = {
    {"count", 1, 1, make_state<CountState>, "Number of non-null values.", "count(n.x)"},
    {"sum", 1, 1, make_state<SumState>, "Sum of numbers (integer while every input is).",
     "sum(n.x)"},
    {"avg", 1, 1, make_state<AvgState>, "Arithmetic mean as a float.", "avg(n.x)"},
    {"min", 1, 1, make_state<ExtremeState<false>>, "Smallest value in ORDER BY order.",
     "min(n.x)"},
    {"max", 1, 1, make_state<ExtremeState<true>>, "Largest value in ORDER BY order.",
     "max(n.x)"},
    {"collect", 1, 1, make_state<CollectState>, "The non-null values as a list.",
     "collect(n.x)"},
};

}  // namespace

std::span<const AggregateFunction> aggregate_functions() { return kAggregates; }

}  // namespace quiver::function::builtin
