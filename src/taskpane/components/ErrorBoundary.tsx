import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { Component, type ErrorInfo, type ReactNode } from "react";
import { describeError } from "../errors";

interface State {
  message?: string;
}

/** Last line of defence: a rendering failure shows a Vietnamese message instead of a blank pane. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(e: unknown): State {
    return { message: describeError(e, "hiển thị ngăn") };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error("Biểu mẫu CCHC:", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message) {
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Ngăn gặp lỗi.</MessageBarTitle> {this.state.message} Hãy đóng và mở lại
            ngăn.
          </MessageBarBody>
        </MessageBar>
      );
    }
    return this.props.children;
  }
}
