# %% [markdown]
# # Gradient descent with symdiff
#
# The tutorial's picture: start somewhere on f(x) = x⁴/4 − x² + 1/2, take
# steps downhill in proportion to the slope (times the learning rate), and
# watch the steps shrink as the slope flattens near a minimum. Then the
# same in two variables, over contour lines, beside Newton's method.
#
# Run as a script (`python examples/gradient_descent.py`, which writes
# gradient_descent.png) or cell by cell in Jupyter / VS Code (`# %%`).
# Needs `pip install ./python matplotlib`.

# %%
import matplotlib

matplotlib.use("Agg")  # drop this line in a notebook to see the figures inline
import matplotlib.pyplot as plt
import numpy as np

import symdiff

f = symdiff.parse("x^4/4 - x^2 + 1/2")
df = symdiff.d(f, "x")
print("f(x)  =", f)
print("f'(x) =", df)
for p in symdiff.critical_points(f, range=(-2, 2)):
    print(f"critical point x = {p['exact']} ≈ {p['x']:.6f}: {p['nature']}")

# %%
# One variable: the iterates of x_t = x_(t-1) - eta * f'(x_(t-1)).
run = symdiff.descend(f, {"x": 0.1}, rate=0.2, iterations=30)
print(run["summary"], "after", len(run["x"]) - 1, "steps at x =", run["x"][-1])

values = symdiff.compile([f, df], ["x"])  # f and f' on arrays, one tape
xs = np.linspace(-2.1, 2.1, 400)
curve = values(x=xs)

fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
top.plot(xs, curve[:, 0], label=f"f(x) = {f}")
top.plot(run["x"], run["f"], "o-", color="tab:red", markersize=4, label="gradient descent, η = 0.2")
top.annotate("start", (run["x"][0], run["f"][0]), textcoords="offset points", xytext=(5, 8))
top.set_ylabel("f(x)")
top.legend()
bottom.plot(xs, curve[:, 1], color="tab:green", label=f"f'(x) = {df}")
bottom.axhline(0, color="gray", linewidth=0.5)
bottom.plot(run["x"], values(x=np.array(run["x"]))[:, 1], "o", color="tab:red", markersize=4)
bottom.set_xlabel("x")
bottom.set_ylabel("f'(x)")
bottom.legend()
fig.tight_layout()

# %%
# Two variables: X_t = X_(t-1) - eta * grad f(X_(t-1)), and Newton's method.
g = symdiff.parse("(x - 1)^2 + 2*(y + 2)^2 + x*y/2")
print("grad g =", symdiff.gradient(g))
start = {"x": -2.0, "y": 1.0}
descent = symdiff.descend(g, start, rate=0.1, iterations=200)
newton = symdiff.descend(g, start, method="newton")
print("gradient descent:", descent["summary"], "after", len(descent["x"]) - 1, "steps")
print("newton:", newton["summary"], "after", len(newton["x"]) - 1, "steps")

gx, gy = np.meshgrid(np.linspace(-3, 3, 200), np.linspace(-4, 2, 200))
surface = symdiff.compile(g, ["x", "y"])(x=gx.ravel(), y=gy.ravel())[:, 0].reshape(gx.shape)
fig2, ax = plt.subplots(figsize=(6, 6))
ax.contour(gx, gy, surface, levels=30, cmap="viridis")
ax.plot(descent["x"], descent["y"], "o-", markersize=3, color="tab:red", label="gradient descent, η = 0.1")
ax.plot(newton["x"], newton["y"], "s--", color="black", label="Newton's method")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title(f"g(x, y) = {g}")
ax.legend()

# %%
if __name__ == "__main__":
    fig.savefig("gradient_descent.png", dpi=100)
    fig2.savefig("gradient_descent_2d.png", dpi=100)
    print("wrote gradient_descent.png and gradient_descent_2d.png")
