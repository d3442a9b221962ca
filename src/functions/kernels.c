/* The numeric kernels of functions.rs's registry in C, for generated code:
   the same functions as kernels.rs, line for line where the languages allow. */

static double sign(double x) {
    return x > 0 ? 1.0 : x < 0 ? -1.0 : x * 0.0;
}

static double heaviside(double x) {
    return x > 0 ? 1.0 : isnan(x) ? x : 0.0;
}

static double relu(double x) {
    return (x > 0 || isnan(x)) ? x : 0.0;
}

static double max(double a, double b) {
    return (isnan(a) || isnan(b)) ? NAN : a >= b ? a : b;
}

static double min(double a, double b) {
    return (isnan(a) || isnan(b)) ? NAN : a <= b ? a : b;
}

static double sigmoid(double x) {
    if (x >= 0) {
        return 1.0 / (1.0 + exp(-x));
    }
    double e = exp(x);
    return e / (1.0 + e);
}

static double softplus(double x) {
    return relu(x) + log1p(exp(-fabs(x)));
}

static double logaddexp(double a, double b) {
    double top = max(a, b);
    if (isinf(top)) {
        return top;
    }
    return top + log1p(exp(-fabs(a - b)));
}

static double polygamma(double n, double x) {
    int pole = x <= 0 && x == floor(x);
    if (!(n >= 0 && n <= 170) || n != floor(n) || isnan(x) || pole) {
        return NAN;
    }
    if (isinf(x)) {
        return x > 0 ? (n == 0 ? INFINITY : 0.0) : NAN;
    }
    if (x < -1e7) {
        return NAN;
    }
    int k = (int)n;
    double factorial = 1.0;
    for (int i = 1; i <= k; i++) {
        factorial *= i;
    }
    double sign = k % 2 == 0 ? -1.0 : 1.0;
    double shifted = 0.0;
    while (x < 20.0 + n) {
        shifted += sign * factorial / pow(x, k + 1);
        x += 1.0;
    }
    static const double bernoulli[10] = {
        1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0,
        -691.0 / 2730.0, 7.0 / 6.0, -3617.0 / 510.0, 43867.0 / 798.0, -174611.0 / 330.0,
    };
    double x2 = x * x;
    double series;
    if (k == 0) {
        series = log(x) - 0.5 / x;
        double power = x2;
        for (int j = 0; j < 10; j++) {
            series -= bernoulli[j] / (2.0 * (j + 1) * power);
            power *= x2;
        }
    } else {
        series = factorial / k / pow(x, k) + factorial / (2.0 * pow(x, k + 1));
        double ratio = factorial * (k + 1.0) / 2.0;
        double power = pow(x, k + 2);
        for (int j = 0; j < 10; j++) {
            series += bernoulli[j] * ratio / power;
            double two_j = 2.0 * (j + 1);
            ratio *= (two_j + k) * (two_j + k + 1.0) / ((two_j + 1.0) * (two_j + 2.0));
            power *= x2;
        }
        series *= sign;
    }
    return series + shifted;
}
