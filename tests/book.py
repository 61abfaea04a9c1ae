"""The chapter's own code, transcribed from the book, as an independent reference.

Each function runs the book's pure-Python loop and returns what its print statements print, so
tests can compare gdtui's output with the notebook's character by character.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout


def w_sum(a, b):
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output


def ele_mul(number, vector):
    output = [0, 0, 0]
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output


def vect_mat_mul(vect, matrix):
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = w_sum(vect, matrix[i])
    return output


def outer_prod(vec_a, vec_b):
    out = [[0 for _ in vec_b] for _ in vec_a]
    for i in range(len(vec_a)):
        for j in range(len(vec_b)):
            out[i][j] = vec_a[i] * vec_b[j]
    return out


toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]
win_or_lose_binary = [1, 1, 0, 1]


def multi_input(alpha=0.01, iterations=3, freeze_first=False):
    """Gradient descent learning with multiple inputs (and, frozen, the freezing experiment)."""
    true = win_or_lose_binary[0]
    weights = [0.1, 0.2, -0.1]
    input = [toes[0], wlrec[0], nfans[0]]
    out = io.StringIO()
    with redirect_stdout(out):
        for iter in range(iterations):
            pred = w_sum(input, weights)
            error = (pred - true) ** 2
            delta = pred - true
            weight_deltas = ele_mul(delta, input)
            if freeze_first:
                weight_deltas[0] = 0
            print("Iteration:" + str(iter + 1))
            print("Pred:" + str(pred))
            print("Error:" + str(error))
            print("Delta:" + str(delta))
            print("Weights:" + str(weights))
            print("Weight_Deltas:")
            print(str(weight_deltas))
            print()
            for i in range(len(weights)):
                weights[i] -= alpha * weight_deltas[i]
    return out.getvalue(), weights


def multi_output(iterations=3):
    """Gradient descent learning with multiple outputs (one input, win/loss record)."""
    weights = [0.3, 0.2, 0.9]
    wlrec = [0.65, 1.0, 1.0, 0.9]
    hurt = [0.1, 0.0, 0.0, 0.1]
    win = [1, 1, 0, 1]
    sad = [0.1, 0.0, 0.1, 0.2]
    input = wlrec[0]
    true = [hurt[0], win[0], sad[0]]
    alpha = 0.1
    out = io.StringIO()
    with redirect_stdout(out):
        for iter in range(iterations):
            pred = ele_mul(input, weights)
            error = [0, 0, 0]
            delta = [0, 0, 0]
            for i in range(len(true)):
                error[i] = (pred[i] - true[i]) ** 2
                delta[i] = pred[i] - true[i]
            weight_deltas = ele_mul(input, delta)
            print("Iteration:" + str(iter + 1))
            print("Pred:" + str(pred))
            print("Error:" + str(error))
            print("Delta:" + str(delta))
            print("Weights:" + str(weights))
            print("Weight_Deltas:")
            print(str(weight_deltas))
            print()
            for i in range(len(weights)):
                weights[i] -= weight_deltas[i] * alpha
    return out.getvalue(), weights


def multi_in_out(iterations=3):
    """Gradient descent with multiple inputs and outputs (the 3x3 matrix)."""
    # fmt: off
    #            toes  %win  #fans
    weights = [[0.1, 0.1, -0.3],  # hurt?
               [0.1, 0.2, 0.0],  # win?
               [0.0, 1.3, 0.1]]  # sad?
    # fmt: on
    hurt = [0.1, 0.0, 0.0, 0.1]
    win = [1, 1, 0, 1]
    sad = [0.1, 0.0, 0.1, 0.2]
    alpha = 0.01
    input = [toes[0], wlrec[0], nfans[0]]
    true = [hurt[0], win[0], sad[0]]
    out = io.StringIO()
    with redirect_stdout(out):
        for iter in range(iterations):
            pred = vect_mat_mul(input, weights)
            error = [0, 0, 0]
            delta = [0, 0, 0]
            for i in range(len(true)):
                error[i] = (pred[i] - true[i]) ** 2
                delta[i] = pred[i] - true[i]
            weight_deltas = outer_prod(delta, input)
            print("Iteration:" + str(iter + 1))
            print("Pred:" + str(pred))
            print("Error:" + str(error))
            print("Delta:" + str(delta))
            print("Weights:" + str(weights))
            print("Weight_Deltas:")
            print(str(weight_deltas))
            print()
            for i in range(len(weights)):
                for j in range(len(weights[0])):
                    weights[i][j] -= alpha * weight_deltas[i][j]
    return out.getvalue(), weights
